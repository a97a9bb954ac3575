package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Disturbances of the Connect side, written once for every connector: each scenario runs a
 * generated stream (deterministic by seed; clients whose connects, disconnects and acks land on
 * other partitions than their publishes) and ends with the store compared exactly with {@link
 * ExpectedState}: nothing lost, nothing applied twice, nothing wrong. The numbers are those of the
 * issue's scenario list. {@code -Dfaults.events} sets the stream's length (default 3000).
 */
public abstract class FaultSuite extends StoreSuite {
  private static final int EVENTS = Integer.getInteger("faults.events", 3000);

  private static List<StreamGenerator.Keyed> stream(long seed) {
    return new StreamGenerator(seed, 12, true, System.currentTimeMillis() - 3_600_000)
        .generate(EVENTS);
  }

  private void produce(String topic, List<StreamGenerator.Keyed> records) {
    for (StreamGenerator.Keyed r : records) {
      connect.produce(topic, r.key(), r.event().emqx5Json());
    }
  }

  private Snapshot model(List<StreamGenerator.Keyed> stream) {
    return ExpectedState.of(
        StreamGenerator.events(stream), store.rules(), MessageIdFormat.BASE62, false);
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
    produce(topics.events(), stream.subList(half, stream.size()));
    DatabaseRestartSuite.awaitModel(
        store, model(stream), Duration.ofMinutes(3), () -> "connector " + name);
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
    produce(topics.events(), stream.subList(half, stream.size()));
    DatabaseRestartSuite.awaitModel(
        store, model(stream), Duration.ofMinutes(3), () -> "connector " + name);
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
    DatabaseRestartSuite.awaitModel(store, expected, Duration.ofMinutes(3), () -> name);

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
        Duration.ofMinutes(3),
        () -> accounted(name, 2) >= stream.size(),
        "the tasks to replay " + stream.size() + " records");
    Thread.sleep(1500); // a store's deferred follow-up work (SQL's second look at acks) runs
    assertThat(store.snapshot().differencesFrom(expected, 20)).as("after the replay").isEmpty();
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
    List<String> corpus = BadInputCorpus.records(System.currentTimeMillis() - 3_600_000);
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
        Duration.ofMinutes(3),
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
    assertThat(stored.differencesFrom(expected, 20)).as("the valid stream's keys").isEmpty();
    assertThat(connect.running(name)).isTrue();
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
          Duration.ofMinutes(3),
          () -> connect.task(name).state().equals("FAILED"),
          "the task to give up");
      assertThat(connect.task(name).trace()).contains("giving up after 1 retries");

      proxy.restore();
      connect.cluster().restartConnectorAndTasks(name, true, true, false);
      DatabaseRestartSuite.awaitModel(
          store, model(stream), Duration.ofMinutes(3), () -> connect.task(name).toString());
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
