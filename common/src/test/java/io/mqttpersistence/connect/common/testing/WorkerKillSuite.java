package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Workers that really die, written once for every connector: {@code ConnectDistributed} in child
 * JVMs ({@link PlainWorker}) with nothing but the connector's zip on plugin.path, killed with
 * SIGKILL mid-stream (scenarios 2 and 3 of the fault suite). The store ends exactly as the model
 * says. The connector logs in with a password that only a {@code ${file:...}} config provider
 * knows; after each scenario no worker log line, REST response or dead-letter header holds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkerKillSuite {
  private static final AtomicInteger SEQ = new AtomicInteger();

  /** Records no store accepts: each goes to the dead-letter queue with its reason. */
  private static final List<String> MALFORMED =
      List.of("{\"event\": \"client.connected\",", "not json", "{");

  private final String secret = "s3cret-" + UUID.randomUUID();
  private final List<PlainWorker> workers = new ArrayList<>();
  private EmbeddedKafkaCluster kafka;
  private Path plugins;
  private Path secrets;
  private StoreUnderTest store;
  private ReliabilityReport report;

  /** The last connector's config and the store's credentials in it, as text. */
  private Map<String, String> lastConfig;

  private Map<String, String> credentials;

  protected abstract StoreUnderTest createStore() throws Exception;

  @BeforeAll
  void startKafka() throws Exception {
    kafka = new EmbeddedKafkaCluster(1, new java.util.Properties());
    kafka.start();
    plugins = Files.createTempDirectory("mqttp-plugins");
    secrets = Files.createTempDirectory("mqttp-secrets");
    Files.writeString(secrets.resolve("store.properties"), "password=" + secret + "\n");
  }

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
    if (report == null) {
      report = new ReliabilityReport(store.name(), "worker-processes");
      PluginZip.of(store.name()).unpackInto(plugins);
    }
  }

  @AfterEach
  void closeWorkersAndStore() throws Exception {
    for (PlainWorker w : workers) {
      w.close();
    }
    workers.clear();
    store.close();
  }

  @AfterAll
  void stopKafka() throws Exception {
    if (report != null) {
      report.write();
    }
    kafka.stop();
    LocalServers.deleteTree(plugins);
    LocalServers.deleteTree(secrets);
  }

  /** Scenario 2: the only worker killed with SIGKILL mid-stream, then started again. */
  @Test
  void aWorkerKilledMidStreamAndStartedAgainLosesNothingAndAppliesNothingTwice() throws Exception {
    int n = SEQ.incrementAndGet();
    String topic = "kill-events-" + n;
    String dlq = "kill-dlq-" + n;
    kafka.createTopic(topic, 3);
    PlainWorker worker = worker("kill-" + n);
    String name = "kill-" + store.name();
    worker.putConnector(name, config(topic, 2, dlq));
    awaitRunning(worker, name, 2);
    List<StreamGenerator.Keyed> stream = FaultStream.of(46);
    int half = stream.size() / 2;
    MALFORMED.forEach(bad -> kafka.produce(topic, "bad", bad));
    produce(topic, stream.subList(0, half));
    ConnectHarness.waitUntil(Duration.ofMinutes(2), this::hasMessages, "the first messages");

    worker.kill();
    produce(topic, stream.subList(half, stream.size()));
    worker.restart();
    long back = System.nanoTime();
    List<ConsumerRecord<byte[], byte[]>> dead = deadLettered(dlq);
    report.await(
        "2. the worker killed (SIGKILL) mid-stream and started again",
        store,
        FaultStream.model(store, stream),
        stream.size() + MALFORMED.size(),
        dead.size(),
        back,
        FaultStream.timeout(),
        () -> status(worker, name));
    assertThat(dead)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .as("every malformed record dead-lettered, a redelivery perhaps twice")
        .containsAll(MALFORMED);
    assertSecretNeverShown("2", name, dead);
  }

  /** Scenario 3: one of two workers killed; its tasks move to the other, which finishes. */
  @Test
  void whenOneOfTwoWorkersIsKilledItsTasksMoveToTheOtherAndTheStreamCompletes() throws Exception {
    int n = SEQ.incrementAndGet();
    String topic = "rebalance-events-" + n;
    kafka.createTopic(topic, 4);
    String group = "rebalance-" + n;
    PlainWorker first = worker(group);
    PlainWorker second = worker(group);
    String name = "rebalance-" + store.name();
    first.putConnector(name, config(topic, 4, "rebalance-dlq-" + n));
    awaitRunning(first, name, 4);
    List<StreamGenerator.Keyed> stream = FaultStream.of(47);
    int half = stream.size() / 2;
    produce(topic, stream.subList(0, half));
    ConnectHarness.waitUntil(Duration.ofMinutes(2), this::hasMessages, "the first messages");

    // The victim is a worker that runs tasks; the leader may keep the connector itself.
    PlainWorker victim = tasksOn(first, name, second.workerId()) > 0 ? second : first;
    PlainWorker survivor = victim == first ? second : first;
    victim.kill();
    long killed = System.nanoTime();
    produce(topic, stream.subList(half, stream.size()));
    ConnectHarness.waitUntil(
        Duration.ofMinutes(2),
        () -> survivor.running(name, 4) && tasksOn(survivor, name, survivor.workerId()) == 4,
        "all four tasks to run on the surviving worker");
    report.await(
        "3. one of two workers killed (SIGKILL), its tasks moved to the other",
        store,
        FaultStream.model(store, stream),
        stream.size(),
        -1,
        killed,
        FaultStream.timeout(),
        () -> status(survivor, name));
    assertSecretNeverShown("3", name, List.of());
  }

  private PlainWorker worker(String group) throws IOException {
    Map<String, String> props = new HashMap<>();
    props.put("config.providers", "file");
    props.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    // A killed worker is noticed after the session timeout, and its tasks are handed out after
    // the scheduled rebalance delay: shorter than the defaults (10 s, 5 min) to keep the suite
    // short, long enough for a loaded 2-core machine's heartbeats.
    props.put("session.timeout.ms", "6000");
    props.put("heartbeat.interval.ms", "1500");
    props.put("scheduled.rebalance.max.delay.ms", "2000");
    PlainWorker w = PlainWorker.start(kafka.bootstrapServers(), plugins, group, props);
    workers.add(w);
    return w;
  }

  /** The store's password is given as a reference the worker resolves, never as text. */
  private Map<String, String> config(String topic, int tasks, String dlq) throws Exception {
    Map<String, String> cfg = TestConfigs.base(store.connectorClass(), topic, tasks);
    cfg.putAll(store.freshStore());
    cfg.putAll(store.writeHooks());
    credentials = store.credentials(secret);
    credentials.forEach(
        (k, v) ->
            cfg.put(
                k,
                v.equals(secret)
                    ? "${file:" + secrets.resolve("store.properties") + ":password}"
                    : v));
    cfg.putAll(TestConfigs.deadLetterQueue(dlq));
    lastConfig = cfg;
    return cfg;
  }

  private void produce(String topic, List<StreamGenerator.Keyed> records) {
    StreamProducer.send(kafka.bootstrapServers(), topic, records);
  }

  private boolean hasMessages() {
    try {
      return !store.snapshot().messages().isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  private static void awaitRunning(PlainWorker w, String name, int tasks) {
    ConnectHarness.waitUntil(
        Duration.ofMinutes(1), () -> w.running(name, tasks), tasks + " tasks to run");
  }

  private static int tasksOn(PlainWorker rest, String name, String workerId) {
    try {
      int count = 0;
      for (JsonNode t : rest.getJson("connectors/" + name + "/status").get("tasks")) {
        count += t.get("worker_id").asText().equals(workerId) ? 1 : 0;
      }
      return count;
    } catch (IOException | AssertionError notYet) {
      return 0;
    }
  }

  private static String status(PlainWorker w, String name) {
    try {
      return w.getJson("connectors/" + name + "/status").toString();
    } catch (IOException | AssertionError e) {
      return "no status: " + e;
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> deadLettered(String dlq) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    kafka.consume(MALFORMED.size(), Duration.ofMinutes(2).toMillis(), dlq).forEach(out::add);
    out.clear();
    // Everything there by now, a redelivered record's second copy included.
    kafka.consumeAll(Duration.ofSeconds(30).toMillis(), dlq).forEach(out::add);
    return out;
  }

  /**
   * The password the config provider resolved is in no log line any worker of the test wrote, in no
   * REST response (config, status, tasks, a validate that sends it as text) and in no header of a
   * dead-lettered record.
   */
  private void assertSecretNeverShown(
      String scenario, String name, List<ConsumerRecord<byte[], byte[]>> dead) throws Exception {
    if (credentials.isEmpty()) {
      System.out.println(store.name() + ": the test store takes no password; nothing to look for");
      return;
    }
    PlainWorker rest = workers.stream().filter(PlainWorker::alive).findFirst().orElseThrow();
    List<String> shown = new ArrayList<>();
    for (String resource :
        List.of(
            "connectors/" + name + "/config",
            "connectors/" + name + "/status",
            "connectors/" + name + "/tasks",
            "connectors?expand=info&expand=status")) {
      shown.add(resource + ": " + rest.get(resource).body());
    }
    Map<String, String> literal = new LinkedHashMap<>(lastConfig);
    literal.putAll(credentials);
    String simple = store.connectorClass().substring(store.connectorClass().lastIndexOf('.') + 1);
    shown.add(
        "validate: "
            + rest.put("connector-plugins/" + simple + "/config/validate", literal).body());
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      for (Header h : r.headers()) {
        shown.add(
            "dead-letter header " + h.key() + ": " + new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    for (PlainWorker w : workers) {
      shown.add("worker log: " + w.logText());
    }
    assertThat(shown).as("what the workers showed").noneMatch(text -> text.contains(secret));
    assertThat(shown.get(0)).as("the stored config keeps the reference").contains("${file:");
    report.addTable(
        String.format(
            "Scenario %s: the password (%s, given through ${file:...}) is absent from %d bytes"
                + " of worker logs, %d REST responses and %d dead-letter headers.%n",
            scenario,
            String.join(
                ", ",
                credentials.entrySet().stream()
                    .filter(e -> e.getValue().equals(secret))
                    .map(Map.Entry::getKey)
                    .toList()),
            workers.stream().mapToInt(w -> w.logText().length()).sum(),
            shown.size()
                - dead.stream().mapToInt(r -> r.headers().toArray().length).sum()
                - workers.size(),
            dead.stream().mapToInt(r -> r.headers().toArray().length).sum()));
  }
}
