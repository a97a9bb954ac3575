package io.mqttpersistence.connect.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.EmbeddedConnectSuite;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import io.mqttpersistence.connect.common.testing.ExpectedState;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StreamEvent;
import io.mqttpersistence.connect.common.testing.StreamGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cassandra connector end to end: Kafka, a Connect worker, REST, and a real Cassandra ({@code
 * -Dit.cassandra.nodes}, or one started from cassandra-all).
 */
class CassandraSinkIT extends EmbeddedConnectSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final long t0 = System.currentTimeMillis() - 600_000;
  private CassandraStore store;
  private ConnectHarness.Topics topics;

  @BeforeEach
  void freshStoreAndTopics() {
    store = new CassandraStore(nodes());
    topics = connect.freshTopics(3);
  }

  /** The cluster the suite runs against: a given one, or the local one. */
  String nodes() {
    return CassandraTestServer.nodes();
  }

  private String connector;

  @AfterEach
  void stopConnectorAndDropKeyspace() {
    if (connector != null) {
      connect.cluster().deleteConnector(connector);
    }
    store.close();
  }

  private Map<String, String> exampleConfig() {
    Map<String, String> cfg = connect.exampleConfig("cassandra", topics);
    cfg.putAll(store.freshStore());
    return cfg;
  }

  private String start(Map<String, String> cfg, int tasks) {
    String name = "cassandra-" + topics.events();
    cfg.put("name", name);
    cfg.put("tasks.max", Integer.toString(tasks));
    connect.startConnector(name, cfg);
    connector = name;
    return name;
  }

  private void send(String key, StreamEvent e) {
    connect.produce(topics.events(), key, e.emqx5Json());
  }

  private void awaitState(Snapshot expected) {
    ConnectHarness.waitUntil(
        Duration.ofMinutes(2),
        () -> store.snapshot().equals(expected),
        "the expected tables: " + String.join("; ", differences(expected)));
  }

  private List<String> differences(Snapshot expected) {
    try {
      return store.snapshot().differencesFrom(expected, 10);
    } catch (RuntimeException e) {
      return List.of(e.toString());
    }
  }

  private List<JsonNode> replies(int n) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        connect.consume(topics.replies(), n, Duration.ofSeconds(60))) {
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isNotEmpty();
      out.add(JSON.readTree(r.value()));
    }
    return out;
  }

  @Test
  void emqxDefaultHooksFillTheKeyspaceFromAMixedStreamOnTwoTasks() throws Exception {
    start(exampleConfig(), 2);
    // Duplicates, disconnects out of order, retained sets and deletes, acks before and after
    // their publishes, over three partitions.
    List<StreamGenerator.Keyed> stream = new StreamGenerator(9, 6, true, t0).generate(600);
    for (StreamGenerator.Keyed r : stream) {
      send(r.key(), r.event());
    }
    Snapshot expected =
        ExpectedState.of(
            StreamGenerator.events(stream), store.rules(), MessageIdFormat.BASE62, false);
    assertThat(expected.messages()).hasSizeGreaterThan(100);
    assertThat(expected.cursors()).isNotEmpty();
    assertThat(expected.retained()).isNotEmpty();
    awaitState(expected);

    // Lookups: stored subscriptions, then offline messages, then the retained message.
    store
        .session()
        .execute(
            "INSERT INTO "
                + store.keyspace()
                + ".sub (clientid, topic, qos) VALUES ('viewer', 'news/1', 1)");
    store
        .session()
        .execute(
            "INSERT INTO "
                + store.keyspace()
                + ".sub (clientid, topic, qos) VALUES ('viewer', 'cmd/#', 7)");
    long t = t0 + 100_000;
    send("viewer", StreamEvent.connected("viewer", t));
    send("viewer", StreamEvent.subscribed("viewer", "news/1", 1, t + 1)); // first: cursor only
    StreamEvent n1 = pub("press", "news/1", "{\"h\":1}", t + 2);
    StreamEvent n2 = StreamEvent.publish("press", guid(t + 3), "news/1", 2, false, "two", t + 3);
    StreamEvent r1 = StreamEvent.publish("press", guid(t + 4), "news/r", 1, true, "kept", t + 4);
    send("viewer", n1);
    send("viewer", n2);
    send("viewer", r1);
    send("viewer", StreamEvent.subscribed("viewer", "news/1", 1, t + 5)); // now n1, n2
    send("viewer", StreamEvent.subscribed("viewer", "news/r", 0, t + 6)); // retained only
    send("viewer", StreamEvent.unsubscribed("viewer", "news/1", t + 7)); // the raw cql delete
    List<JsonNode> answers = replies(3);
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("subscriptions").toString())
        .isEqualTo("[{\"topic\":\"cmd/#\",\"qos\":2},{\"topic\":\"news/1\",\"qos\":1}]");
    JsonNode fetched = answers.get(1);
    assertThat(fetched.get("function").asText()).isEqualTo("on_message_fetch");
    assertThat(fetched.get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("{\"h\":1}", "two");
    assertThat(fetched.get("messages").get(0).get("arrived").asLong()).isEqualTo(t + 2);
    assertThat(fetched.get("messages").get(1).get("qos").asInt()).isEqualTo(2);
    JsonNode retained = answers.get(2);
    assertThat(retained.get("function").asText()).isEqualTo("on_retain_lookup");
    assertThat(retained.get("messages").get(0).get("payload").asText()).isEqualTo("kept");
    assertThat(retained.get("messages").get(0).get("retain").asBoolean()).isTrue();
    ConnectHarness.waitUntil(
        Duration.ofSeconds(30),
        () ->
            store
                .rows("SELECT msgid FROM acked WHERE clientid = 'viewer' AND topic = 'news/1'")
                .isEmpty(),
        "the unsubscribe to drop the cursor");
  }

  /**
   * Five messages whose base62 ids sort differently as text than by publish time: a fetch returns
   * the newest by time, oldest first, and the cursor is kept in publish order.
   */
  @Test
  void offlineMessagesFollowPublishTimeNotIdText() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put(
        "hook.session.subscribed.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_fetch\"},"
            + " \"offline_opts\": {\"max_returned_count\": 3}}");
    start(cfg, 1);
    List<StreamEvent> byTime = misorderedByText(t0 + 200_000);
    long t = byTime.get(0).at() - 10;
    long after = byTime.get(byTime.size() - 1).at();
    send("reader", StreamEvent.subscribed("reader", "order/t", 1, t)); // first: cursor at t
    // Published out of order too: the store must not depend on arrival.
    for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
      send("reader", byTime.get(i));
    }
    send("reader", StreamEvent.acked("reader", byTime.get(1)));
    send("reader", StreamEvent.acked("reader", byTime.get(0))); // older: the cursor stays at 1
    send("reader", StreamEvent.subscribed("reader", "order/t", 1, after + 100));
    JsonNode fetched = replies(1).get(0);
    assertThat(fetched.get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("m3", "m4", "m5");
    assertThat(store.snapshot().cursors())
        .containsEntry(Snapshot.cursorKey("reader", "order/t"), b62(byTime.get(1).id()));
    // A late ack of a newer message moves it; then the fetch starts after that one.
    send("reader", StreamEvent.acked("reader", byTime.get(4)));
    send("reader", StreamEvent.subscribed("reader", "order/t", 1, after + 200));
    assertThat(replies(2).get(1).get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("m5");
  }

  @Test
  void rawCqlBindsEveryPlaceholderAsATypedParameter() throws Exception {
    Map<String, String> cfg = exampleConfig();
    // A table of the user's, made before the connector starts (its statements are prepared then).
    String ks = store.keyspace();
    store.createUserTable(
        "audit (clientid text, topic text, qos int, payload blob, at timestamp,"
            + " PRIMARY KEY (clientid, topic))");
    cfg.put(
        "hook.message.publish.4",
        "{\"topic\": \"#\", \"action\": {\"cql\": [\"insert into audit (clientid, topic, qos,"
            + " payload, at) values (${clientid}, ${topic}, ${qos}, ${payload}, ${timestamp})\"]}}");
    start(cfg, 1);
    List<String> corpus =
        List.of("it's", "a; DROP TABLE msg", "'); DROP TABLE client; --", "\"quoted\"", "x\\'y");
    long t = t0 + 300_000;
    for (int i = 0; i < corpus.size(); i++) {
      send(
          "k",
          StreamEvent.publish(
              corpus.get(i), guid(t + i), "inj/" + corpus.get(i), 1, false, corpus.get(i), t + i));
    }
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> store.rows("SELECT clientid FROM audit").size() == corpus.size(),
        "every audit row");
    for (int i = 0; i < corpus.size(); i++) {
      String c = corpus.get(i);
      Row row =
          store
              .session()
              .execute(
                  "SELECT qos, payload, at FROM " + ks + ".audit WHERE clientid = ? AND topic = ?",
                  c,
                  "inj/" + c)
              .one();
      assertThat(row).as(c).isNotNull();
      assertThat(row.getInt("qos")).isEqualTo(1);
      assertThat(StandardCharsets.UTF_8.decode(row.getByteBuffer("payload")).toString())
          .isEqualTo(c);
      assertThat(row.getInstant("at").getEpochSecond()).isEqualTo(Math.round((t + i) / 1000.0));
    }
    assertThat(store.snapshot().messages()).hasSize(corpus.size()); // msg and client still exist
    assertThat(store.rows("SELECT clientid FROM client")).isEmpty();
  }

  @Test
  void messagesLiveForTheirTtlWhileRetainedMessagesStay() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put("cassandra.msg.ttl", "3");
    start(cfg, 1);
    StreamEvent kept = StreamEvent.publish("p", guid(t0), "ttl/t", 1, true, "kept", t0);
    send("p", kept);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> store.snapshot().messages().size() == 1, "the message");
    Row ttl = store.rows("SELECT TTL(payload) AS remaining FROM msg").get(0);
    assertThat(ttl.getInt("remaining")).isBetween(1, 3);
    assertThat(store.rows("SELECT msgid FROM msg_timeline")).hasSize(1);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(30), () -> store.snapshot().messages().isEmpty(), "the message expired");
    assertThat(store.rows("SELECT msgid FROM msg_timeline")).isEmpty();
    assertThat(store.snapshot().retained()).containsKey("ttl/t");
    assertThat(
            store.rows("SELECT TTL(payload) AS remaining FROM retain").get(0).isNull("remaining"))
        .isTrue();
  }

  @Test
  void dataErrorsGoAloneToTheDeadLetterQueueWithTheirReason() throws Exception {
    Map<String, String> cfg = exampleConfig();
    store.createUserTable("readings (clientid text PRIMARY KEY, value int)");
    cfg.put(
        "hook.message.publish.4",
        "{\"topic\": \"sensor/#\", \"action\": {\"cql\": [\"insert into readings (clientid,"
            + " value) values (${clientid}, ${payload})\"]}}");
    start(cfg, 1);
    send("k", StreamEvent.publish("ok1", guid(t0), "sensor/1", 0, false, "41", t0));
    connect.produce(topics.events(), "k", "not json");
    send("k", StreamEvent.publish("bad", guid(t0 + 1), "sensor/1", 0, false, "warm", t0 + 1));
    connect.produce(
        topics.events(),
        "k",
        StreamEvent.acked("x", StreamEvent.publish("p", guid(t0), "t/1", 1, false, "m", t0))
            .emqx5Json()
            .replace("\"id\":\"" + guid(t0) + "\",", "")
            .replace("\"from_clientid\":\"p\",", ""));
    send("k", StreamEvent.publish("ok2", guid(t0 + 2), "sensor/1", 0, false, "42", t0 + 2));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> store.rows("SELECT clientid FROM readings").size() == 2,
        "ok1 and ok2 to land");
    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume(topics.dlq(), 3, Duration.ofSeconds(30));
    assertThat(dead).hasSize(3);
    Map<Long, String> reasons = ConnectHarness.deadLetterReasons(dead);
    assertThat(reasons).containsOnlyKeys(1L, 2L, 3L);
    assertThat(reasons.get(1L)).contains("not valid JSON");
    assertThat(reasons.get(2L)).contains("value").contains("int").contains("warm");
    assertThat(reasons.get(3L)).contains("hook.message.acked.1").contains("no message id");
  }

  @Test
  void validateNamesTheKeyOfEachMistake() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put("name", "cassandra-validate");
    cfg.put(
        "hook.message.publish.4",
        "{\"action\": {\"cql\": [\"insert into t (a) values ('${clientid}')\"]}}");
    cfg.put("hook.message.publish.5", "{\"action\": {\"cql\": [\"select * from msg\"]}}");
    cfg.put(
        "hook.message.publish.6",
        "{\"action\": {\"cql\": [\"insert into t (a) values (${nope})\"]}}");
    cfg.put("hook.message.publish.7", "{\"action\": {\"sql\": [\"insert into t values (1)\"]}}");
    cfg.put("hook.message.acked.2", "{\"action\": {\"function\": \"on_message_fetch\"}}");
    Map<String, List<String>> errors =
        connect.validationErrors(CassandraSinkConnector.class.getSimpleName(), cfg);
    assertThat(errors)
        .containsOnlyKeys(
            "hook.message.publish.4",
            "hook.message.publish.5",
            "hook.message.publish.6",
            "hook.message.publish.7",
            "hook.message.acked.2");
    assertThat(errors.get("hook.message.publish.4").get(0)).contains("remove the quotes");
    assertThat(errors.get("hook.message.publish.5").get(0)).contains("cql actions write");
    assertThat(errors.get("hook.message.publish.6").get(0)).contains("unknown placeholder ${nope}");
    assertThat(errors.get("hook.message.publish.7").get(0)).contains("\"cql\" statements");
    assertThat(errors.get("hook.message.acked.2").get(0)).contains("runs on session.subscribed");

    Map<String, String> consistency = exampleConfig();
    consistency.put("name", "cassandra-validate");
    consistency.put("cassandra.consistency", "MOST");
    assertThat(connect.validationErrors(CassandraSinkConnector.class.getSimpleName(), consistency))
        .containsOnlyKeys("cassandra.consistency");

    Map<String, String> unreachable = exampleConfig();
    unreachable.put("name", "cassandra-validate");
    unreachable.put("cassandra.nodes", "127.0.0.1:1");
    unreachable.put("cassandra.request.timeout.ms", "1000");
    assertThat(connect.validationErrors(CassandraSinkConnector.class.getSimpleName(), unreachable))
        .containsOnlyKeys("cassandra.nodes");

    Map<String, String> noSchema = exampleConfig();
    noSchema.put("name", "cassandra-validate");
    noSchema.put("schema.create", "false");
    assertThat(connect.validationErrors(CassandraSinkConnector.class.getSimpleName(), noSchema))
        .containsOnlyKeys("cassandra.keyspace");

    Map<String, String> clean = exampleConfig();
    clean.put("name", "cassandra-validate");
    assertThat(connect.validationErrors(CassandraSinkConnector.class.getSimpleName(), clean))
        .isEmpty();
  }

  /**
   * Six publishes a millisecond apart, from {@code from} on, whose base62 ids do not sort by time
   * as text (the microseconds vary the id's decimal digits, and with them the base62 text). Whether
   * a window of six milliseconds holds such ids depends on the clock's digits, so the window slides
   * until one does.
   */
  private static List<StreamEvent> misorderedByText(long from) {
    java.util.Random random = new java.util.Random(42);
    for (int attempt = 0; attempt < 100_000; attempt++) {
      List<StreamEvent> byTime = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long at = from + attempt * 7L + i;
        String id = Emqx5Events.guid(at, random.nextInt(1000));
        byTime.add(StreamEvent.publish("press", id, "order/t", 1, false, "m" + i, at));
      }
      List<String> timeOrder = byTime.stream().map(e -> b62(e.id())).toList();
      List<String> textOrder = timeOrder.stream().sorted(Comparator.naturalOrder()).toList();
      if (!textOrder.equals(timeOrder)) {
        return byTime;
      }
    }
    throw new AssertionError("no ids found whose text order differs from their time order");
  }

  private static StreamEvent pub(String clientid, String topic, String payload, long at) {
    return StreamEvent.publish(clientid, guid(at), topic, 1, false, payload, at);
  }

  private static String guid(long at) {
    return Emqx5Events.guid(at, at % 997);
  }

  private static String b62(String hex) {
    return MessageIdFormat.BASE62.encode(hex);
  }
}
