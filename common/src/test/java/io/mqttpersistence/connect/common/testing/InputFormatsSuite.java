package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.tools.convert.EmqxConvert;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Every way broker events reach Kafka stores the same, end to end through a Connect worker and
 * REST: the EMQX 4 Kafka bridge's layout (a topic per hook, no message ids, base64 payloads, every
 * record delivered twice), Avro values with and without the schema-registry prefix, and streams
 * full of events no hook handles. Each store is compared with {@link ExpectedState} exactly. A
 * connector runs it by saying how to reach its store.
 */
public abstract class InputFormatsSuite extends StoreSuite {
  private final long t0 = System.currentTimeMillis() - 120_000;

  /**
   * A small life of four clients: sessions, QoS 0/1/2 publishes, a retained message set, replaced
   * and cleared, an ack that comes before its publish, and a receiver that was never seen connect.
   */
  private List<StreamEvent> stream() {
    List<StreamEvent> s = new ArrayList<>();
    StreamEvent m1 =
        StreamEvent.publish("sensor", Emqx5Events.guid(t0 + 10, 1), "t/1", 1, false, "m1", t0 + 10);
    StreamEvent m2 =
        StreamEvent.publish(
            "sensor", Emqx5Events.guid(t0 + 11, 2), "t/1", 2, false, "{\"n\":2}", t0 + 11);
    StreamEvent q0 =
        StreamEvent.publish(
            "sensor", Emqx5Events.guid(t0 + 12, 3), "t/1", 0, false, "qos0", t0 + 12);
    StreamEvent m4 =
        StreamEvent.publish("sensor", Emqx5Events.guid(t0 + 13, 4), "t/1", 1, false, "m4", t0 + 13);
    StreamEvent r1 =
        StreamEvent.publish("lamp", Emqx5Events.guid(t0 + 14, 5), "r/lamp", 1, true, "on", t0 + 14);
    StreamEvent r2 =
        StreamEvent.publish(
            "lamp", Emqx5Events.guid(t0 + 15, 6), "r/lamp", 0, true, "off", t0 + 15);
    StreamEvent rk =
        StreamEvent.publish(
            "lamp", Emqx5Events.guid(t0 + 16, 7), "r/keep", 1, true, "kept", t0 + 16);
    StreamEvent rx =
        StreamEvent.publish("lamp", Emqx5Events.guid(t0 + 17, 8), "r/gone", 1, true, "x", t0 + 17);
    StreamEvent rc =
        StreamEvent.publish("lamp", Emqx5Events.guid(t0 + 18, 9), "r/gone", 0, true, "", t0 + 18);
    s.add(StreamEvent.connected("sensor", t0));
    s.add(StreamEvent.connected("lamp", t0 + 1));
    s.add(StreamEvent.connected("viewer", t0 + 2));
    s.add(StreamEvent.subscribed("viewer", "t/1", 1, t0 + 3));
    s.addAll(List.of(m1, m2, q0, r1, r2, rk, rx, rc));
    s.add(StreamEvent.acked("viewer", m1));
    s.add(StreamEvent.acked("viewer", m4)); // before m4's publish
    s.add(m4);
    s.add(StreamEvent.acked("ghost", m2));
    s.add(StreamEvent.disconnected("sensor", t0 + 30, t0));
    s.add(StreamEvent.connected("sensor", t0 + 40));
    s.add(StreamEvent.disconnected("lamp", t0 + 41, t0 + 1));
    s.add(StreamEvent.disconnected("quiet", t0 + 42, null));
    s.add(StreamEvent.unsubscribed("viewer", "t/1", t0 + 50));
    return s;
  }

  private void awaitState(Snapshot expected, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Snapshot actual = store.snapshot();
    while (!actual.equals(expected) && System.nanoTime() < deadline) {
      assertThat(connect.running(name)).as("connector " + name + " is running").isTrue();
      Thread.sleep(300);
      actual = store.snapshot();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theEmqx4BridgeLayoutWithoutIdsStoresEachMessageOnceAndMovesCursors() throws Exception {
    List<StreamEvent> events = stream();
    String prefix = "bridge-" + UUID.randomUUID() + "-";
    Set<String> topics = new LinkedHashSet<>();
    for (StreamEvent e : events) {
      topics.add(prefix + e.bridgeTopic());
    }
    topics.forEach(t -> connect.createTopic(t, 1));
    Map<String, String> cfg = config(String.join(",", topics), 2);
    cfg.put("event.format", "emqx4-bridge");
    cfg.put(
        "event.topic.map",
        topics.stream()
            .map(t -> t + ":" + t.substring(prefix.length()).replace('_', '.'))
            .collect(Collectors.joining(",")));
    String name = "bridge-" + store.name();
    connect.startConnector(name, cfg);
    boolean underscore = false;
    for (StreamEvent e : events) {
      underscore = !underscore; // both spellings the bridge is known to write
      for (int copy = 0; copy < 2; copy++) { // at-least-once delivery from the bridge
        connect.produce(prefix + e.bridgeTopic(), e.key(), e.bridgeJson(underscore));
      }
    }
    awaitState(ExpectedState.of(events, store.rules(), MessageIdFormat.BASE62, true), name);
  }

  @Test
  void avroValuesStoreExactlyLikeTheirJsonTwins() throws Exception {
    List<StreamEvent> events = stream();
    ConnectHarness.Topics topics = connect.freshTopics(1);
    Map<String, String> cfg = config(topics.events(), 2);
    cfg.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    cfg.put("event.format", "avro");
    cfg.put(
        "event.avro.schema",
        "file:" + ConfigExamples.repositoryRoot().resolve("config-examples/emqx5-event.avsc"));
    cfg.putAll(TestConfigs.deadLetterQueue(topics.dlq()));
    String name = "avro-" + store.name();
    connect.startConnector(name, cfg);
    try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
      boolean prefixed = false;
      for (StreamEvent e : events) {
        prefixed = !prefixed;
        send(
            producer,
            topics.events(),
            e.key(),
            AvroEvents.encode(AvroEvents.emqx5Schema(), e.emqx5Json(), prefixed));
      }
      send(
          producer,
          topics.events(),
          "x",
          "{\"event\": \"client.connected\"}".getBytes(StandardCharsets.UTF_8));
    }
    awaitState(ExpectedState.of(events, store.rules(), MessageIdFormat.BASE62, false), name);
    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume(topics.dlq(), 1, Duration.ofSeconds(30));
    assertThat(dead).hasSize(1);
    assertThat(ConnectHarness.header(dead.get(0), "__connect.errors.exception.message"))
        .contains("offset " + events.size())
        .contains("not Avro of the schema");
  }

  @Test
  void eventsNoHookHandlesNeitherFailTheTaskNorReachTheDeadLetterQueue() throws Exception {
    List<StreamEvent> events = stream();
    ConnectHarness.Topics topics = connect.freshTopics(1);
    Map<String, String> cfg = config(topics.events(), 2);
    String name = "unhandled-" + store.name();
    connect.startConnector(name, cfg); // errors.tolerance=none: a bad record would fail the task
    int n = 0;
    for (StreamEvent e : events) {
      connect.produce(topics.events(), e.key(), e.emqx5Json());
      if (e.kind() == StreamEvent.Kind.PUBLISH) {
        connect.produce(topics.events(), e.key(), StreamEvent.dropped(e).emqx5Json());
      }
      switch (n++ % 4) {
        case 0 ->
            connect.produce(
                topics.events(), "x", "{\"event\": \"session.created\", \"clientid\": \"x\"}");
        case 1 ->
            connect.produce(
                topics.events(),
                "x",
                "{\"event\": \"client.connack\", \"clientid\": \"x\", \"reason_code\": \"success\"}");
        case 2 ->
            connect.produce(topics.events(), "x", "{\"event\": \"client.check_authz_complete\"}");
        default ->
            connect.produce(topics.events(), "x", "{\"event\": \"some.future.event\", \"x\": [1]}");
      }
    }
    awaitState(ExpectedState.of(events, store.rules(), MessageIdFormat.BASE62, false), name);
    assertThat(connect.running(name)).isTrue();

    // With a dead-letter queue configured, nothing of the same stream reaches it either.
    Map<String, String> tolerant = config(topics.events(), 2);
    tolerant.putAll(TestConfigs.deadLetterQueue(topics.dlq()));
    connect.cluster().deleteConnector(name);
    connect.startConnector(name + "-dlq", tolerant);
    awaitState(
        ExpectedState.of(events, store.rules(), MessageIdFormat.BASE62, false), name + "-dlq");
    connect.produce(topics.events(), "x", "not json: the one record the DLQ must hold");
    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume(topics.dlq(), 1, Duration.ofSeconds(30));
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).startsWith("not json");
  }

  /**
   * The task's JMX metrics after a known stream count exactly what happened: every record in, each
   * skip by its reason, the one dead-lettered record, and each hook's applied events.
   */
  @Test
  void taskMetricsCountTheStreamExactly() throws Exception {
    List<StreamEvent> events = stream();
    ConnectHarness.Topics topics = connect.freshTopics(1);
    Map<String, String> cfg = config(topics.events(), 2);
    cfg.put("tasks.max", "1");
    cfg.putAll(TestConfigs.deadLetterQueue(topics.dlq()));
    String name = "metrics-" + store.name();
    connect.startConnector(name, cfg);
    for (StreamEvent e : events) {
      connect.produce(topics.events(), e.key(), e.emqx5Json());
    }
    connect.produce(topics.events(), "x", "{\"event\": \"session.created\", \"clientid\": \"x\"}");
    connect.produce(topics.events(), "x", "{\"event\": \"some.future.event\"}");
    connect.produce(
        topics.events(),
        "x",
        StreamEvent.publish("x", Emqx5Events.guid(t0, 99), "$SYS/uptime", 0, false, "1", t0)
            .emqx5Json()); // '#' does not match $-topics
    connect.produce(topics.events(), "x", "not json");
    int received = events.size() + 4;
    awaitState(ExpectedState.of(events, store.rules(), MessageIdFormat.BASE62, false), name);

    TaskMetricsReader metrics = new TaskMetricsReader(name, 0);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(30),
        () -> metrics.registered() && metrics.accountedFor() == received,
        "the task to account for " + received + " records"); // a put counts as it goes
    assertThat(metrics.task("records-received-total")).isEqualTo(received);
    long sessions =
        events.stream()
            .filter(
                e ->
                    e.kind() == StreamEvent.Kind.SUBSCRIBED
                        || e.kind() == StreamEvent.Kind.UNSUBSCRIBED)
            .count(); // no hook on these hookpoints: unhandled, like session.created
    double stored = (double) (events.size() - sessions);
    assertThat(metrics.task("records-skipped-unhandled-event-total"))
        .isEqualTo((double) (sessions + 1));
    assertThat(metrics.task("records-skipped-unknown-event-total")).isEqualTo(1);
    assertThat(metrics.task("records-skipped-no-hook-matched-total")).isEqualTo(1);
    assertThat(metrics.task("records-dead-lettered-total")).isEqualTo(1);
    assertThat(metrics.task("records-written-total")).isEqualTo(stored);
    assertThat(metrics.task("batches-total")).isBetween(1.0, (double) events.size());
    assertThat(metrics.task("batch-size-max")).isLessThanOrEqualTo(stored);
    assertThat(metrics.task("batch-write-time-ms-total")).isPositive();
    assertThat(metrics.task("retries-total")).isZero();
    assertThat(metrics.task("lookups-total")).isZero();
    assertThat(metrics.task("lookup-replies-total")).isZero();
    assertThat(metrics.task("latest-kafka-time-difference-ms")).isNotNegative();
    for (Map.Entry<String, String> hook : store.writeHooks().entrySet()) {
      String hookpoint = hook.getKey().substring("hook.".length(), hook.getKey().lastIndexOf('.'));
      long applied = events.stream().filter(e -> e.kind().event().equals(hookpoint)).count();
      String action = functionOf(hook.getValue());
      assertThat(metrics.hook(hook.getKey(), action, "events-applied-total"))
          .as(hook.getKey())
          .isEqualTo((double) applied);
    }

    // What a JMX client sees on the running worker is exactly what the README's table lists.
    String readme = Files.readString(ConfigExamples.repositoryRoot().resolve("README.md"));
    assertThat(TaskMetricsReader.attributes(metrics.taskMBean()))
        .isEqualTo(readmeAttributes(readme, "sink-task-metrics"));
    Map.Entry<String, String> firstHook = store.writeHooks().entrySet().iterator().next();
    assertThat(
            TaskMetricsReader.attributes(
                metrics.hookMBean(firstHook.getKey(), functionOf(firstHook.getValue()))))
        .isEqualTo(readmeAttributes(readme, "sink-hook-metrics"));

    connect.cluster().deleteConnector(name);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(30),
        () -> metrics.connectorMBeans().isEmpty(),
        "a stopped task's MBeans to be removed");
  }

  /**
   * EMQX's shipped default config for this database, converted by {@code tools/emqx-convert},
   * validates with no error through the worker's REST API, and runs, once its sample server and
   * credentials are replaced by the test's.
   */
  @Test
  void emqxDefaultConfConvertsIntoAConfigThatValidates() throws Exception {
    String file = "emqx_backend_" + (store.name().equals("cassandra") ? "cassa" : store.name());
    Path conf = ConfigExamples.repositoryRoot().resolve("config-examples/emqx4/" + file + ".conf");
    ConnectHarness.Topics topics = connect.freshTopics(1);
    Path out = Files.createTempDirectory("emqx-convert");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        EmqxConvert.run(
            new String[] {
              "--topics",
              topics.events(),
              "--reply-topic",
              topics.replies(),
              "--bootstrap-servers",
              connect.bootstrapServers(),
              "--out",
              out.toString(),
              conf.toString()
            },
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    List<Path> bodies;
    try (var files = Files.list(out)) {
      bodies = files.toList();
    }
    assertThat(bodies).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(bodies.get(0).toFile());
    Map<String, String> cfg = new LinkedHashMap<>();
    body.get("config").properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
    assertThat(cfg).containsEntry("connector.class", store.connectorClass());
    assertThat(cfg.keySet().stream().filter(k -> k.startsWith("hook.")))
        .isNotEmpty()
        .allSatisfy(k -> assertThat(Files.readString(conf)).contains(k + " = " + cfg.get(k)));

    // Connect ignores keys a connector does not define, so a mapping to a wrong key would pass
    // validation unseen: every key the converter can write must be one the connector defines.
    Set<String> defined =
        Class.forName(store.connectorClass())
            .asSubclass(org.apache.kafka.connect.connector.Connector.class)
            .getDeclaredConstructor()
            .newInstance()
            .config()
            .names();
    assertThat(defined).containsAll(EmqxConvert.targetKeys(store.name()));

    Map<String, String> server = store.freshStore();
    cfg.keySet()
        .removeIf(
            k ->
                !server.containsKey(k)
                    && (k.matches(".*\\.(user|username|login|password)")
                        || (server.keySet().stream().anyMatch(s -> s.endsWith(".uri"))
                            && k.matches(".*\\.(server|type|srv_record)"))));
    cfg.putAll(server); // EMQX's sample server and credentials are not this test's
    String name = body.get("name").asText();
    cfg.put("name", name);
    cfg.put("errors.deadletterqueue.topic.replication.factor", "1"); // a one-broker test cluster
    assertThat(connect.validationErrors(store.connectorClass(), cfg)).isEmpty();
    connect.startConnector(name, cfg); // and it runs: schema created, lookups' producer up
    connect.cluster().deleteConnector(name);
  }

  /** The function a hook value of {@link StoreUnderTest#writeHooks} runs. */
  private static String functionOf(String hookJson) {
    return hookJson.replaceAll(".*\"function\": \"([a-z_]+)\".*", "$1");
  }

  /** The attributes the README's metrics table lists for one MBean type. */
  private static Set<String> readmeAttributes(String readme, String type) {
    Set<String> out = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(?m)^\\| `"
                    + java.util.regex.Pattern.quote(type)
                    + "` \\([^)]*\\) \\| `([a-z0-9-]+)` \\|")
            .matcher(readme);
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).as("README rows of " + type).isNotEmpty();
    return out;
  }

  private KafkaProducer<byte[], byte[]> bytesProducer() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", connect.bootstrapServers());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
