package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disturbances of the Connect side, written once for every connector: each scenario runs a
 * generated stream (deterministic by seed; clients whose connects, disconnects and acks land on
 * other partitions than their publishes) and ends with the store compared exactly with {@link
 * ExpectedState}: nothing lost, nothing applied twice, nothing wrong. The numbers are those of the
 * issue's scenario list. {@code -Dfaults.events} sets the stream's length (default 3000).
 */
public abstract class FaultSuite extends StoreSuite {
  private static ReliabilityReport report;

  private static List<StreamGenerator.Keyed> stream(long seed) {
    return FaultStream.of(seed);
  }

  @BeforeEach
  void openReport() {
    if (report == null) {
      report = new ReliabilityReport(store.name(), "embedded-worker");
    }
  }

  @AfterAll
  static void writeReport() throws IOException {
    if (report != null) {
      report.write();
      report = null;
    }
  }

  private void produce(String topic, List<StreamGenerator.Keyed> records) {
    StreamProducer.send(connect.bootstrapServers(), topic, records);
  }

  private Snapshot model(List<StreamGenerator.Keyed> stream) {
    return FaultStream.model(store, stream);
  }

  /** Scenario 4: tasks.max raised from 1 to 4 mid-stream, a reconfiguration rebalance. */
  @Test
  void raisingTasksMaxMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
    ConnectHarness.Topics topics = connect.freshTopics(4);
    Map<String, String> cfg = config(topics.events(), 1);
    String name = "scale-" + store.name();
    connect.startConnector(name, cfg);
    List<StreamGenerator.Keyed> stream = stream(41);
    int half = stream.size() / 2;
    produce(topics.events(), stream.subList(0, half));
    cfg.put("tasks.max", "4");
    connect.cluster().configureConnector(name, cfg);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> connect.running(name, 4), "four tasks to run");
    long rebalanced = System.nanoTime();
    produce(topics.events(), stream.subList(half, stream.size()));
    report.await(
        "4. tasks.max raised from 1 to 4 mid-stream",
        store,
        model(stream),
        stream.size(),
        -1,
        rebalanced,
        FaultStream.timeout(),
        () -> "connector " + name);
    assertThat(connect.running(name)).isTrue();
    connect.cluster().deleteConnector(name);
  }

  /**
   * Scenario 5: the Kafka broker stopped and started again mid-stream (its log kept): the tasks'
   * consumers and Connect's own clients reconnect, and the store ends as the model says.
   */
  @Test
  void aKafkaBrokerRestartMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
    ConnectHarness.Topics topics = connect.freshTopics(3);
    String name = "broker-" + store.name();
    connect.startConnector(name, config(topics.events(), 2));
    List<StreamGenerator.Keyed> stream = stream(45);
    int half = stream.size() / 2;
    produce(topics.events(), stream.subList(0, half));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> accounted(name, 2) > 0, "the first records to land");
    connect.cluster().kafka().stopOnlyBrokers();
    Thread.sleep(2000); // the tasks' consumers and the worker meet a broker that is gone
    connect.cluster().kafka().restartOnlyBrokers();
    long back = System.nanoTime();
    produce(topics.events(), stream.subList(half, stream.size()));
    report.await(
        "5. the Kafka broker restarted mid-stream",
        store,
        model(stream),
        stream.size(),
        -1,
        back,
        FaultStream.timeout(),
        () -> "connector " + name);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> connect.running(name, 2), "both tasks to run after it");
    connect.cluster().deleteConnector(name);
  }

  /**
   * Scenario 6: the connector's offsets reset to the beginning (Connect's stop, reset and resume)
   * and the whole stream replayed over the finished state: nothing changes.
   */
  @Test
  void replayingTheWholeStreamOverTheFinishedStateChangesNothing() throws Exception {
    ConnectHarness.Topics topics = connect.freshTopics(3);
    String name = "replay-" + store.name();
    connect.startConnector(name, config(topics.events(), 2));
    List<StreamGenerator.Keyed> stream = stream(42);
    produce(topics.events(), stream);
    Snapshot expected = model(stream);
    DatabaseRestartSuite.awaitModel(store, expected, FaultStream.timeout(), () -> name);

    connect.cluster().stopConnector(name);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> connect.cluster().connectorStatus(name).connector().state().equals("STOPPED"),
        "the connector to stop");
    connect.cluster().resetConnectorOffsets(name);
    connect.cluster().resumeConnector(name);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> connect.running(name, 2), "the tasks to run again");
    // The resumed tasks register fresh metrics: wait until they have taken the stream again.
    ConnectHarness.waitUntil(
        FaultStream.timeout(),
        () -> accounted(name, 2) >= stream.size(),
        "the tasks to replay " + stream.size() + " records");
    Thread.sleep(1500); // a store's deferred follow-up work (SQL's second look at acks) runs
    Snapshot replayed = store.snapshot();
    report.compare(
        "6. offsets reset, the whole stream replayed over the finished state",
        stream.size() * 2,
        expected,
        replayed,
        -1);
    assertThat(replayed.differencesFrom(expected, 20)).as("after the replay").isEmpty();
    connect.cluster().deleteConnector(name);
  }

  /**
   * Bad input: the corpus of {@link BadInputCorpus} mixed into a valid stream, with {@code
   * errors.tolerance=all}. Every record ends as exactly one of stored, skipped or dead-lettered
   * (the task's counts add up to what was sent), each dead-lettered record carries its reason, the
   * task never dies, and the valid stream's part of the store equals the model exactly: no bad
   * record had an effect outside its own keys.
   */
  @Test
  void everyBadRecordIsStoredSkippedOrDeadLetteredAndTheValidStreamIsUntouched() throws Exception {
    ConnectHarness.Topics topics = connect.freshTopics(2);
    Map<String, String> cfg = config(topics.events(), 1);
    cfg.putAll(TestConfigs.deadLetterQueue(topics.dlq()));
    String name = "bad-input-" + store.name();
    connect.startConnector(name, cfg);
    List<StreamGenerator.Keyed> stream = stream(44);
    List<BadInputCorpus.Bad> categorized =
        BadInputCorpus.categorized(System.currentTimeMillis() - 3_600_000);
    List<String> corpus = categorized.stream().map(BadInputCorpus.Bad::value).toList();
    int every = Math.max(1, stream.size() / corpus.size());
    int bad = 0;
    for (int i = 0; i < stream.size(); i++) {
      connect.produce(topics.events(), stream.get(i).key(), stream.get(i).event().emqx5Json());
      if (i % every == 0 && bad < corpus.size()) {
        connect.produce(topics.events(), "bad", corpus.get(bad++));
      }
    }
    while (bad < corpus.size()) {
      connect.produce(topics.events(), "bad", corpus.get(bad++));
    }
    int total = stream.size() + corpus.size();
    ConnectHarness.waitUntil(
        FaultStream.timeout(),
        () -> {
          assertThat(connect.running(name)).as("the task runs").isTrue();
          return accounted(name, 1) >= total;
        },
        "the task to account for " + total + " records");
    TaskMetricsReader metrics = new TaskMetricsReader(name, 0);
    assertThat(metrics.task("records-received-total")).isEqualTo((double) total);
    assertThat(metrics.accountedFor()).isEqualTo((double) total);

    int deadLettered = (int) metrics.task("records-dead-lettered-total");
    System.out.printf(
        "Bad input on %s: %d records (%d of the corpus): %.0f written, %.0f skipped, %d"
            + " dead-lettered%n",
        store.name(),
        total,
        corpus.size(),
        metrics.task("records-written-total"),
        metrics.accountedFor() - metrics.task("records-written-total") - deadLettered,
        deadLettered);
    assertThat(deadLettered).as("the corpus has records no store accepts").isPositive();
    var dead = connect.consume(topics.dlq(), deadLettered, Duration.ofSeconds(60));
    assertThat(dead).hasSize(deadLettered);
    assertThat(ConnectHarness.deadLetterReasons(dead).values())
        .allSatisfy(reason -> assertThat(reason).contains("bad record at topic"));

    Snapshot expected = model(stream);
    Snapshot stored = store.snapshot().restrictedTo(expected);
    report.compare(
        "bad input: the corpus mixed into the stream (valid stream's entries)",
        total,
        expected,
        stored,
        deadLettered);
    report.addTable(categoryTable(categorized, dead));
    assertThat(stored.differencesFrom(expected, 20)).as("the valid stream's keys").isEmpty();
    assertThat(connect.running(name)).isTrue();
    connect.cluster().deleteConnector(name);
  }

  /** The corpus by category: how many were sent, and how many of those went to the queue. */
  private static String categoryTable(
      List<BadInputCorpus.Bad> corpus, List<ConsumerRecord<byte[], byte[]>> dead) {
    Map<String, Integer> deadByValue = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      deadByValue.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    Map<String, int[]> byCategory = new LinkedHashMap<>();
    for (BadInputCorpus.Bad b : corpus) {
      int[] c = byCategory.computeIfAbsent(b.category(), k -> new int[2]);
      c[0]++;
      // Text with lone surrogates reads back as what its UTF-8 bytes decode to.
      String sent = new String(b.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      Integer left = deadByValue.get(sent);
      if (left != null && left > 0) {
        c[1]++;
        deadByValue.put(sent, left - 1);
      }
    }
    StringBuilder md =
        new StringBuilder(
            "| bad-input category | records | dead-lettered with a reason | stored or skipped |\n"
                + "|---|---:|---:|---:|\n");
    byCategory.forEach(
        (category, c) ->
            md.append(
                String.format(
                    Locale.ROOT, "| %s | %d | %d | %d |%n", category, c[0], c[1], c[0] - c[1])));
    return md.toString();
  }

  /**
   * With errors.tolerance=none (Connect's default) a record no store accepts fails the task, and
   * the failure names the record's topic, partition and offset and the reason; everything before it
   * is stored.
   */
  @Test
  void withoutErrorToleranceABadRecordFailsTheTaskNamingWhereItIs() throws Exception {
    ConnectHarness.Topics topics = connect.freshTopics(1);
    String name = "intolerant-" + store.name();
    connect.startConnector(name, config(topics.events(), 1));
    List<StreamGenerator.Keyed> stream = stream(48).subList(0, 200);
    produce(topics.events(), stream);
    connect.produce(topics.events(), "bad", "{\"event\": \"client.connected\", \"clientid\":");
    ConnectHarness.waitUntil(
        Duration.ofMinutes(2),
        () -> connect.task(name).state().equals("FAILED"),
        "the task to fail on the bad record");
    String trace = connect.task(name).trace();
    assertThat(trace)
        .contains("bad record at topic " + topics.events() + ", partition 0, offset 200")
        .contains("errors.tolerance=all");
    report.addTable(
        "errors.tolerance=none: a truncated record after 200 valid ones failed the task with `"
            + trace
                .lines()
                .filter(l -> l.contains("bad record at topic"))
                .findFirst()
                .orElse("")
                .replaceFirst("^.*?bad record", "bad record")
            + "`; the committed offset stayed at or before it.\n");
    // The failed batch is not committed, so nothing past the last stored batch is lost: a restart
    // after the record is dealt with redelivers it. (Records before it in the same batch are
    // rolled back with it, so the test does not expect them stored.)
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", connect.bootstrapServers()))) {
      OffsetAndMetadata committed =
          admin
              .listConsumerGroupOffsets("connect-" + name)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(new TopicPartition(topics.events(), 0));
      assertThat(committed == null ? 0 : committed.offset())
          .as("the connector's committed offset")
          .isLessThanOrEqualTo(200);
    }
    connect.cluster().deleteConnector(name);
  }

  /**
   * Whether the store's clients talk only to the address {@link StoreUnderTest#freshStore} gives,
   * so that a proxy there can cut them off. Cassandra's driver connects to the addresses the
   * cluster reports for its nodes, past any proxy: its outage is tested by stopping the server.
   */
  protected boolean clientsStayOnTheGivenAddress() {
    return true;
  }

  /**
   * Scenario 7: the database unreachable for longer than max.retries x retry.backoff.ms. The task
   * fails with a message naming the cause; once the database is back, restarting the task through
   * REST completes the stream with nothing lost or applied twice.
   */
  @Test
  void anOutageLongerThanTheRetriesFailsTheTaskAndARestartCompletesTheStream() throws Exception {
    if (!clientsStayOnTheGivenAddress()) {
      report.addTable(
          "Scenario 7 not run: this store's driver connects to the addresses the cluster reports"
              + " for its nodes, past a proxy; scenario 1 (the database restarted) stands for it.\n");
    }
    assumeTrue(clientsStayOnTheGivenAddress(), "this store's clients go past a proxy");
    Map<String, String> server = store.freshStore();
    Map.Entry<String, String> address =
        server.entrySet().stream()
            .filter(e -> e.getKey().endsWith(".server") && e.getValue().matches("[^,]+:\\d+"))
            .findFirst()
            .orElse(null);
    assumeTrue(address != null, "the store is reached through a URI, not one host:port");
    try (TcpProxy proxy = new TcpProxy(address.getValue())) {
      ConnectHarness.Topics topics = connect.freshTopics(2);
      Map<String, String> cfg = TestConfigs.base(store.connectorClass(), topics.events(), 1);
      cfg.putAll(server); // this test's fresh store, reached through the proxy
      cfg.put(address.getKey(), proxy.address());
      cfg.putAll(store.writeHooks());
      cfg.put("max.retries", "1"); // each attempt waits out the client's connect timeout
      cfg.put("retry.backoff.ms", "200");
      String name = "outage-" + store.name();
      connect.startConnector(name, cfg);
      List<StreamGenerator.Keyed> stream = stream(43);
      int half = stream.size() / 2;
      produce(topics.events(), stream.subList(0, half));
      ConnectHarness.waitUntil(
          Duration.ofMinutes(2), () -> accounted(name, 1) >= half, "the first half to land");

      proxy.cut();
      produce(topics.events(), stream.subList(half, stream.size()));
      ConnectHarness.waitUntil(
          FaultStream.timeout(),
          () -> connect.task(name).state().equals("FAILED"),
          "the task to give up");
      assertThat(connect.task(name).trace()).contains("giving up after 1 retries");

      proxy.restore();
      connect.cluster().restartConnectorAndTasks(name, true, true, false);
      long restarted = System.nanoTime();
      report.await(
          "7. the database unreachable beyond the retries; task FAILED, restarted through REST",
          store,
          model(stream),
          stream.size(),
          -1,
          restarted,
          FaultStream.timeout(),
          () -> connect.task(name).toString());
      assertThat(connect.running(name)).isTrue();
      connect.cluster().deleteConnector(name);
    }
  }

  /** Records the connector's tasks have finished with since they started. */
  private static double accounted(String name, int tasks) {
    double sum = 0;
    for (int t = 0; t < tasks; t++) {
      TaskMetricsReader m = new TaskMetricsReader(name, t);
      if (m.registered()) {
        sum += m.accountedFor();
      }
    }
    return sum;
  }
}
