package io.mqttpersistence.connect.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.EmbeddedConnectSuite;
import io.mqttpersistence.connect.common.testing.ExpectedState;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StreamEvent;
import io.mqttpersistence.connect.common.testing.StreamGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB connector end to end: Kafka, a Connect worker, REST, and a MongoDB over the wire
 * protocol ({@code -Dit.mongo.uri}, or an in-JVM server).
 */
class MongoSinkIT extends EmbeddedConnectSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final long t0 = System.currentTimeMillis() - 600_000;
  private MongoStore store;
  private ConnectHarness.Topics topics;

  @BeforeEach
  void freshStoreAndTopics() throws Exception {
    store = new MongoStore(server());
    topics = connect.freshTopics(3);
  }

  /** The server the suite runs against: a given one, or the in-JVM one. */
  MongoTestServer server() throws IOException {
    return MongoTestServer.shared();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private Map<String, String> exampleConfig() {
    Map<String, String> cfg = connect.exampleConfig("mongo", topics);
    cfg.remove("mongo.server");
    cfg.putAll(store.freshStore());
    return cfg;
  }

  private String start(Map<String, String> cfg, int tasks) {
    String name = "mongo-" + topics.events();
    cfg.put("name", name);
    cfg.put("tasks.max", Integer.toString(tasks));
    connect.startConnector(name, cfg);
    return name;
  }

  private void send(String key, StreamEvent e) {
    connect.produce(topics.events(), key, e.emqx5Json());
  }

  private void awaitState(Snapshot expected) {
    ConnectHarness.waitUntil(
        Duration.ofSeconds(90),
        () -> store.snapshot().equals(expected),
        "the expected collections");
  }

  @Test
  void emqxDefaultHooksFillAllFiveCollectionsFromAMixedStreamOnTwoTasks() throws Exception {
    Map<String, String> cfg = exampleConfig();
    // The model knows nothing of the payload's JSON: store text here, sub-documents below.
    cfg.put(
        "hook.message.publish.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"},"
            + " \"payload_format\": \"plain_text\"}");
    cfg.put(
        "hook.message.publish.2",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_retain\"},"
            + " \"payload_format\": \"plain_text\"}");
    start(cfg, 2);
    List<StreamGenerator.Keyed> stream = new StreamGenerator(9, 6, true, t0).generate(600);
    for (StreamGenerator.Keyed r : stream) {
      send(r.key(), r.event());
    }
    Snapshot expected =
        ExpectedState.of(
            StreamGenerator.events(stream), store.rules(), MessageIdFormat.BASE62, false);
    assertThat(expected.messages()).hasSizeGreaterThan(100);
    assertThat(expected.cursors()).isNotEmpty();
    awaitState(expected);

    // Lookups, after the stream: a client's stored subscriptions, its offline messages, retained.
    MongoDatabase db = store.db();
    db.getCollection("mqtt_sub")
        .insertMany(
            List.of(
                new Document("clientid", "viewer").append("topic", "news/1").append("qos", 1),
                new Document("clientid", "viewer").append("topic", "cmd/#").append("qos", 7)));
    long t = t0 + 100_000;
    send("viewer", StreamEvent.connected("viewer", t));
    send("viewer", StreamEvent.subscribed("viewer", "news/1", 1, t + 1)); // first: cursor only
    StreamEvent n1 =
        StreamEvent.publish("press", guid(t + 2), "news/1", 1, false, "{\"h\":1}", t + 2);
    StreamEvent n2 = StreamEvent.publish("press", guid(t + 3), "news/1", 2, false, "two", t + 3);
    StreamEvent r1 = StreamEvent.publish("press", guid(t + 4), "news/r", 1, true, "kept", t + 4);
    send("viewer", n1);
    send("viewer", n2);
    send("viewer", r1);
    send("viewer", StreamEvent.subscribed("viewer", "news/1", 1, t + 5)); // now n1, n2
    send("viewer", StreamEvent.subscribed("viewer", "news/r", 0, t + 6)); // retained only
    send("viewer", StreamEvent.unsubscribed("viewer", "news/1", t + 7)); // on_acked_delete
    List<JsonNode> answers = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        connect.consume(topics.replies(), 3, Duration.ofSeconds(60))) {
      JsonNode v = JSON.readTree(r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("viewer");
      answers.add(v);
    }
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("subscriptions").toString())
        .isEqualTo("[{\"topic\":\"news/1\",\"qos\":1},{\"topic\":\"cmd/#\",\"qos\":2}]");
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
            db.getCollection("mqtt_acked")
                    .countDocuments(
                        Filters.and(
                            Filters.eq("clientid", "viewer"), Filters.eq("topic", "news/1")))
                == 0,
        "the unsubscribe to drop the cursor");
    Document stored = db.getCollection("mqtt_msg").find(Filters.eq("msgid", b62(n1.id()))).first();
    assertThat(stored.get("payload")).isEqualTo("{\"h\":1}");
    assertThat(stored.get("arrived")).isInstanceOf(java.util.Date.class);
    List<Long> ids = new ArrayList<>();
    db.getCollection("mqtt_msg")
        .find()
        .sort(Sorts.ascending("_id"))
        .projection(Projections.include("_id"))
        .forEach(d -> ids.add(((Number) d.get("_id")).longValue()));
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id > 0);
  }

  @Test
  void documentTemplatesBindTypedValuesAndEventDataNeverBecomesAnOperator() throws Exception {
    Map<String, String> cfg = store.freshStore();
    cfg = new java.util.HashMap<>(cfg);
    cfg.putAll(
        io.mqttpersistence.connect.common.testing.TestConfigs.base(
            MongoSinkConnector.class.getName(), topics.events(), 1));
    cfg.put(
        "hook.message.publish.1",
        "{\"topic\": \"t/#\", \"action\": {\"mongo\": ["
            + "{\"collection\": \"telemetry\", \"op\": \"insert\", \"doc\": {\"clientid\": \"${clientid}\","
            + " \"temp\": \"${payload.temp}\", \"raw\": \"${payload}\", \"qos\": \"${qos}\","
            + " \"note\": \"from ${clientid} on ${topic}\", \"flags\": \"${flags}\"}},"
            + "{\"collection\": \"last_seen\", \"op\": \"upsert\", \"filter\": {\"clientid\": \"${clientid}\"},"
            + " \"doc\": {\"$set\": {\"topic\": \"${topic}\", \"temp\": \"${payload.temp}\"}, \"$inc\": {\"count\": 1}}}"
            + "]}}");
    cfg.put(
        "hook.message.publish.3",
        "{\"topic\": \"t/#\", \"action\": {\"function\": \"on_message_publish\"},"
            + " \"payload_format\": \"mongo_json\"}");
    cfg.put(
        "hook.message.publish.2",
        "{\"topic\": \"del/#\", \"action\": {\"mongo\": [{\"collection\": \"telemetry\", \"op\": \"delete\","
            + " \"filter\": {\"clientid\": \"${payload.victim}\"}}]}}");
    start(cfg, 1); // one key below: a template's effects depend on event order
    long t = t0;
    String hostile = "x\"; db.dropDatabase(); {\"$gt\": \"\"}";
    send("k", pub("a", "t/1", "{\"temp\": 21.5, \"room\": {\"id\": 7}}", t + 1));
    send("k", pub("b", "t/2", "{\"temp\": {\"$gt\": \"\"}, \"$where\": \"sleep(100)\"}", t + 2));
    send("k", pub("c", "t/3", "{\"a.b\": 1, \"temp\": [1, 2]}", t + 3));
    send("k", pub(hostile, "t/4", "not json at all", t + 4));
    send("k", pub("a", "t/1", "{\"temp\": 22}", t + 5));
    send("k", pub("d", "del/1", "{\"victim\": {\"$ne\": \"nobody\"}}", t + 6)); // deletes nothing
    send("k", pub("e", "del/2", "{\"victim\": \"c\"}", t + 7)); // deletes c's document
    send("k", pub("z", "t/end", "{\"temp\": 0}", t + 8));
    MongoDatabase db = store.db();
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () ->
            db.getCollection("last_seen").countDocuments(Filters.eq("clientid", "z")) == 1
                && db.getCollection("telemetry").countDocuments(Filters.eq("clientid", "c")) == 0,
        "the templates to run");

    List<Document> telemetry = new ArrayList<>();
    db.getCollection("telemetry")
        .find()
        .sort(Sorts.ascending("_id"))
        .projection(Projections.exclude("_id"))
        .into(telemetry);
    assertThat(telemetry)
        .extracting(d -> d.getString("clientid"))
        .containsExactly("a", "b", hostile, "a", "z");
    Document a = telemetry.get(0);
    assertThat(a.get("temp")).isEqualTo(21.5);
    assertThat(a.get("raw"))
        .isEqualTo(new Document("temp", 21.5).append("room", new Document("id", 7)));
    assertThat(a.get("qos")).isEqualTo(1);
    assertThat(a.getString("note")).isEqualTo("from a on t/1");
    assertThat(a.get("flags")).isEqualTo(new Document("retain", false).append("dup", false));
    Document b = telemetry.get(1);
    assertThat(b.get("temp")).isEqualTo("{\"$gt\":\"\"}");
    assertThat(b.get("raw")).isInstanceOf(String.class);
    assertThat(b.getString("raw")).contains("$where");
    Document h = telemetry.get(2);
    assertThat(h.get("raw")).isEqualTo("not json at all");
    assertThat(h.get("temp")).isNull();
    assertThat(db.getCollection("last_seen").find(Filters.eq("clientid", "a")).first())
        .containsEntry("count", 2)
        .containsEntry("temp", 22);
    assertThat(db.getCollection("last_seen").find(Filters.eq("clientid", "b")).first().get("temp"))
        .isEqualTo("{\"$gt\":\"\"}");
    // on_message_publish with mongo_json: a JSON object payload is a sub-document, unless it holds
    // keys an operator could read; other payloads are text.
    Map<String, Object> payloads = new java.util.HashMap<>();
    db.getCollection("mqtt_msg")
        .find()
        .forEach(d -> payloads.put(d.getString("sender"), d.get("payload")));
    assertThat(payloads.get("a")).isInstanceOf(Document.class);
    assertThat(payloads.get("b")).isInstanceOf(String.class);
    assertThat(payloads.get("c")).isInstanceOf(String.class);
    assertThat(payloads.get(hostile)).isEqualTo("not json at all");
    List<String> collections = new ArrayList<>();
    db.listCollectionNames().into(collections);
    assertThat(collections).contains("telemetry", "last_seen", "mqtt_msg").doesNotContain("$where");
  }

  @Test
  void dataErrorsGoAloneToTheDeadLetterQueueWithTheirReason() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put(
        "hook.client.connected.3",
        "{\"action\": {\"mongo\": [{\"collection\": \"logins\", \"op\": \"insert\","
            + " \"doc\": {\"_id\": \"${clientid}\", \"at\": \"${timestamp}\"}}]}}");
    start(cfg, 1);
    send("k", StreamEvent.connected("ok1", t0));
    connect.produce(topics.events(), "k", "not json");
    send("k", StreamEvent.connected("ok1", t0 + 1)); // a second login document with the same _id
    connect.produce(
        topics.events(),
        "k",
        StreamEvent.acked("x", StreamEvent.publish("p", guid(t0), "t/1", 1, false, "m", t0))
            .emqx5Json()
            .replace("\"id\":\"" + guid(t0) + "\",", "")
            .replace("\"from_clientid\":\"p\",", ""));
    send("k", StreamEvent.connected("ok2", t0 + 2));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> store.snapshot().clients().containsKey("ok2"), "ok2 to land");
    List<ConsumerRecord<byte[], byte[]>> dead =
        connect.consume(topics.dlq(), 3, Duration.ofSeconds(30));
    assertThat(dead).hasSize(3);
    Map<Long, String> reasons = ConnectHarness.deadLetterReasons(dead);
    assertThat(reasons).containsOnlyKeys(1L, 2L, 3L);
    assertThat(reasons.get(1L)).contains("not valid JSON");
    assertThat(reasons.get(2L)).contains("logins").contains("E11000");
    assertThat(reasons.get(3L)).contains("hook.message.acked.1").contains("no message id");
    assertThat(store.db().getCollection("logins").countDocuments()).isEqualTo(2); // ok1, ok2
    assertThat(store.snapshot().clients().get("ok1").onlineAt()).isEqualTo(t0 + 1);
  }

  @Test
  void aSequenceBehindTheStoredMessagesNumbersPastThemAndLosesNone() throws Exception {
    start(exampleConfig(), 1);
    List<String> msgids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      if (i == 20) {
        awaitMessages(msgids);
        // As after restoring mqtt_msg from a newer backup than mqtt_seq.
        store
            .db()
            .getCollection(MongoWrites.SEQUENCES)
            .updateOne(
                Filters.eq("_id", "mqtt_msg"), new Document("$set", new Document("seq", 3L)));
      }
      StreamEvent p = StreamEvent.publish("s", guid(t0 + i), "seq/t", 1, false, "m" + i, t0 + i);
      msgids.add(b62(p.id()));
      send("s", p);
    }
    awaitMessages(msgids);
    List<Long> ids = new ArrayList<>();
    store
        .db()
        .getCollection("mqtt_msg")
        .find()
        .sort(Sorts.ascending("_id"))
        .forEach(d -> ids.add(((Number) d.get("_id")).longValue()));
    assertThat(ids).hasSize(40).doesNotHaveDuplicates();
  }

  private void awaitMessages(List<String> msgids) {
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () ->
            store.db().getCollection("mqtt_msg").countDocuments(Filters.in("msgid", msgids))
                == msgids.size(),
        msgids.size() + " messages stored");
  }

  @Test
  void validateNamesTheKeyOfEachMistake() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put("name", "mongo-validate");
    cfg.put(
        "hook.message.publish.4",
        "{\"action\": {\"mongo\": [{\"collection\": \"t\", \"op\": \"drop\"}]}}");
    cfg.put(
        "hook.message.publish.5",
        "{\"action\": {\"mongo\": [{\"op\": \"insert\", \"doc\": {\"a\": 1}}]}}");
    cfg.put(
        "hook.message.publish.6",
        "{\"action\": {\"mongo\": [{\"collection\": \"t\", \"op\": \"insert\", \"doc\": {\"a\": \"${nope}\"}}]}}");
    cfg.put(
        "hook.message.publish.7",
        "{\"action\": {\"mongo\": [{\"collection\": \"t\", \"op\": \"insert\", \"doc\": {\"${topic}\": 1}}]}}");
    cfg.put(
        "hook.message.publish.8",
        "{\"action\": {\"function\": \"on_message_publish\"}, \"payload_format\": \"xml\"}");
    cfg.put("hook.message.publish.9", "{\"action\": {\"sql\": [\"insert into t values (1)\"]}}");
    cfg.put("hook.message.acked.2", "{\"action\": {\"function\": \"on_message_fetch\"}}");
    Map<String, List<String>> errors =
        connect.validationErrors(MongoSinkConnector.class.getSimpleName(), cfg);
    assertThat(errors)
        .containsOnlyKeys(
            "hook.message.publish.4",
            "hook.message.publish.5",
            "hook.message.publish.6",
            "hook.message.publish.7",
            "hook.message.publish.8",
            "hook.message.publish.9",
            "hook.message.acked.2");
    assertThat(errors.get("hook.message.publish.4").get(0)).contains("\"op\" must be one of");
    assertThat(errors.get("hook.message.publish.5").get(0)).contains("\"collection\"");
    assertThat(errors.get("hook.message.publish.6").get(0)).contains("unknown placeholder ${nope}");
    assertThat(errors.get("hook.message.publish.7").get(0))
        .contains("field names come from the config");
    assertThat(errors.get("hook.message.publish.8").get(0)).contains("payload_format");
    assertThat(errors.get("hook.message.publish.9").get(0))
        .contains("\"mongo\" document templates");
    assertThat(errors.get("hook.message.acked.2").get(0)).contains("runs on session.subscribed");

    Map<String, String> conflicting = exampleConfig();
    conflicting.put("name", "mongo-validate");
    conflicting.put("mongo.uri", "mongodb://elsewhere:27017");
    conflicting.put("mongo.server", "127.0.0.1:27017");
    assertThat(connect.validationErrors(MongoSinkConnector.class.getSimpleName(), conflicting))
        .containsOnlyKeys("mongo.server");

    Map<String, String> rs = exampleConfig();
    rs.put("name", "mongo-validate");
    rs.remove("mongo.uri");
    rs.put("mongo.type", "rs");
    assertThat(connect.validationErrors(MongoSinkConnector.class.getSimpleName(), rs))
        .containsKey("mongo.rs_set_name");

    Map<String, String> unreachable = exampleConfig();
    unreachable.put("name", "mongo-validate");
    unreachable.remove("mongo.uri");
    unreachable.put("mongo.server", "127.0.0.1:1");
    unreachable.put("mongo.timeout.ms", "1000");
    assertThat(connect.validationErrors(MongoSinkConnector.class.getSimpleName(), unreachable))
        .containsOnlyKeys("mongo.server");
    Map<String, String> clean = exampleConfig();
    clean.put("name", "mongo-validate");
    assertThat(connect.validationErrors(MongoSinkConnector.class.getSimpleName(), clean)).isEmpty();
  }

  private static StreamEvent pub(String clientid, String topic, String payload, long at) {
    return StreamEvent.publish(clientid, guid(at), topic, 1, false, payload, at);
  }

  private static String guid(long at) {
    return io.mqttpersistence.connect.common.testing.Emqx5Events.guid(at, at % 997);
  }

  private static String b62(String hex) {
    return MessageIdFormat.BASE62.encode(hex);
  }
}
