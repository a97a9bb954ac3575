package io.mqttpersistence.connect.jdbc.testing;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.acked;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.connected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.disconnected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.id;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.subscribed;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.unsubscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.DerivedMessageIds;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.EmbeddedConnectSuite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every SQL connector must do, end to end: Kafka, a Connect worker, REST, and a real database
 * server. Each connector runs it by extending it and saying how to reach its database.
 */
public abstract class SqlSinkFeatureSuite extends EmbeddedConnectSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final long T0 = 1_700_000_000_000L;

  private SqlTestDatabase db;
  private ConnectHarness.Topics topics;
  private String topic;
  private String replies;
  private String dlq;

  protected abstract SqlTestTarget target();

  @BeforeEach
  void freshDatabaseAndTopics() {
    db = target().createDatabase();
    topics = connect.freshTopics(1);
    topic = topics.events();
    replies = topics.replies();
    dlq = topics.dlq();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  /** config-examples/<prefix>.json pointed at this test's database and topics. */
  private Map<String, String> exampleConfig() {
    Map<String, String> cfg = connect.exampleConfig(target().prefix(), topics);
    cfg.put(target().prefix() + ".server", db.server());
    cfg.put(target().prefix() + ".database", db.name());
    cfg.put(target().prefix() + ".username", db.user());
    cfg.remove(target().prefix() + ".password");
    return cfg;
  }

  private String start(Map<String, String> cfg) {
    String name = target().prefix() + "-" + SEQ.incrementAndGet();
    cfg.put("name", name);
    connect.startConnector(name, cfg);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(30), () -> db.hasTable("mqtt_ack_pending"), "schema creation");
    return name;
  }

  private void send(String clientid, String json) {
    connect.produce(topic, clientid, json);
  }

  private void awaitMessage(String msgHexId) {
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> db.count("SELECT count(*) FROM mqtt_msg WHERE msgid = '" + b62(msgHexId) + "'") == 1,
        "message " + msgHexId + " to be stored");
  }

  private long rowIdOf(String hexId) {
    return db.count("SELECT id FROM mqtt_msg WHERE msgid = '" + b62(hexId) + "'");
  }

  @Test
  void defaultHooksFillEmqxTablesAndAnswerLookups() throws Exception {
    start(exampleConfig());
    db.execute(
        "INSERT INTO mqtt_sub(clientid, topic, qos) VALUES ('sub1', 't/1', 1), ('sub1', 'cmd/#', 7)");

    send("c1", connected("c1", T0));
    send("sub1", connected("sub1", T0 + 1));
    send(
        "sub1", subscribed("sub1", "t/1", 1, T0 + 2)); // first subscription: cursor starts at "now"
    send("c1", publish("c1", id(1), "t/1", 1, false, "m1", T0 + 10));
    send("c1", publish("c1", id(2), "t/1", 1, false, "m2", T0 + 11));
    send("c1", publish("c1", id(2), "t/1", 1, false, "m2", T0 + 11)); // redelivered duplicate
    send("c1", publish("c1", id(3), "t/1", 0, false, "qos0 is not stored", T0 + 12));
    send("c1", publish("c1", id(4), "r/1", 1, true, "r1", T0 + 13));
    send("c1", publish("c1", id(5), "r/2", 0, true, "r2", T0 + 14));
    send("c1", publish("c1", id(6), "r/2", 0, true, "", T0 + 15)); // clears r/2's retained message
    send("sub1", acked("sub1", "c1", id(1), "t/1", 1, T0 + 20));
    send("sub1", acked("sub1", "c1", id(7), "t/1", 1, T0 + 21)); // overtakes its publish
    send("c1", publish("c1", id(7), "t/1", 1, false, "m7", T0 + 18));
    send("c1", disconnected("c1", T0 + 30, T0));
    send("c1", connected("c1", T0 + 40));
    send("c1", disconnected("c1", T0 + 35, T0)); // late disconnect of the first session
    send("sub1", unsubscribed("sub1", "t/1", T0 + 45));
    send("sub1", subscribed("sub1", "t/1", 1, T0 + 50)); // first again after the cursor was dropped
    send("c1", publish("c1", id(8), "t/1", 1, false, "m8", T0 + 51));
    send("c1", publish("c1", id(9), "t/1", 2, false, "{\"n\":9}", T0 + 52));
    send("sub1", subscribed("sub1", "t/1", 1, T0 + 60)); // now delivers m8, m9
    send("sub2", subscribed("sub2", "r/1", 0, T0 + 61)); // retained lookup only (QoS 0: no fetch)
    send("sub3", acked("sub3", "c1", id(8), "t/1", 1, T0 + 62));
    send("sub3", unsubscribed("sub3", "t/1", T0 + 63)); // drops the cursor the ack just made
    send("c1", publish("c1", id(10), "t/end", 1, false, "end", T0 + 70));
    awaitMessage(id(10));

    assertThat(
            db.query(
                "SELECT clientid, state, node, online_at, offline_at FROM mqtt_client ORDER BY clientid"))
        .extracting(r -> r.get("clientid") + ":" + r.get("state") + ":" + r.get("offline_at"))
        .containsExactly("c1:1:null", "sub1:1:null");
    assertThat(
            db.query("SELECT online_at FROM mqtt_client WHERE clientid = 'c1'")
                .get(0)
                .get("online_at"))
        .isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 40_000_000));

    List<String> stored =
        db.query("SELECT msgid FROM mqtt_msg ORDER BY id").stream()
            .map(r -> (String) r.get("msgid"))
            .toList();
    assertThat(stored)
        .containsExactly(
            b62(id(1)), b62(id(2)), b62(id(4)), b62(id(7)), b62(id(8)), b62(id(9)), b62(id(10)));
    assertThat(
            db.query(
                "SELECT sender, topic, qos, retain, payload FROM mqtt_msg WHERE msgid = '"
                    + b62(id(4))
                    + "'"))
        .containsExactly(
            Map.of("sender", "c1", "topic", "r/1", "qos", 1L, "retain", 1L, "payload", "r1"));

    assertThat(db.query("SELECT topic, payload, sender FROM mqtt_retain"))
        .containsExactly(Map.of("topic", "r/1", "payload", "r1", "sender", "c1"));

    // The re-subscribe set the cursor to the newest t/1 message then (m7); fetching does not move
    // it.
    assertThat(db.query("SELECT clientid, topic, mid FROM mqtt_acked"))
        .containsExactly(Map.of("clientid", "sub1", "topic", "t/1", "mid", rowIdOf(id(7))));
    assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending")).isZero();

    List<JsonNode> answers = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : connect.consume(replies, 3, Duration.ofSeconds(30))) {
      JsonNode v = JSON.readTree(r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(v.get("clientid").asText());
      answers.add(v);
    }
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("action").asText()).isEqualTo("subscribe");
    assertThat(answers.get(0).get("subscriptions").toString())
        .isEqualTo("[{\"topic\":\"t/1\",\"qos\":1},{\"topic\":\"cmd/#\",\"qos\":2}]");
    JsonNode fetched = answers.get(1);
    assertThat(fetched.get("function").asText()).isEqualTo("on_message_fetch");
    assertThat(fetched.get("topic").asText()).isEqualTo("t/1");
    assertThat(fetched.get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("m8", "{\"n\":9}");
    assertThat(fetched.get("messages").get(1).get("qos").asInt()).isEqualTo(2);
    assertThat(fetched.get("messages").get(0).get("arrived").asLong()).isEqualTo(T0 + 51);
    JsonNode retained = answers.get(2);
    assertThat(retained.get("clientid").asText()).isEqualTo("sub2");
    assertThat(retained.get("function").asText()).isEqualTo("on_retain_lookup");
    assertThat(retained.get("messages").get(0).get("retain").asBoolean()).isTrue();
    assertThat(retained.get("messages").get(0).get("payload").asText()).isEqualTo("r1");
    assertThat(retained.get("messages").get(0).get("msgid").asText()).isEqualTo(b62(id(4)));
  }

  @Test
  void tablesEmqxCreatedWorkAndEventFieldsStayData() throws Exception {
    db.execute(target().emqxTables().toArray(String[]::new));
    Map<String, String> cfg = exampleConfig();
    cfg.put(
        "hook.message.publish.4",
        "{\"topic\": \"audit/#\", \"action\": {\"sql\": ["
            + "\"insert into mqtt_sub(clientid, topic, qos) values (${clientid}, ${msgid}, ${qos})\"]}}");
    start(cfg);
    String hostile = "o'brien\"; DROP TABLE mqtt_msg; --\\";
    long s = 1000; // EMQX's MySQL tables keep whole seconds

    send(hostile, connected(hostile, T0));
    send(hostile, publish(hostile, id(1), "audit/1", 1, false, "it's \"quoted\"", T0 + s));
    send("sub", subscribed("sub", "audit/1", 1, T0 + 2 * s));
    send(hostile, publish(hostile, id(2), "audit/1", 2, false, "second", T0 + 3 * s));
    send("sub", acked("sub", hostile, id(2), "audit/1", 2, T0 + 4 * s));
    send(hostile, publish(hostile, id(3), "r/x", 1, true, "kept", T0 + 5 * s));
    send(
        hostile,
        publish(hostile, id(4), "r/x", 1, true, "older", T0 - 5 * s)); // late: must not win
    send(hostile, disconnected(hostile, T0 + 6 * s, T0));
    awaitMessage(id(4));

    assertThat(
            db.query("SELECT clientid, state FROM mqtt_client")) // varchar(3) in EMQX's MySQL DDL
        .extracting(r -> r.get("clientid") + ":" + r.get("state"))
        .containsExactly(hostile + ":0");
    assertThat(db.query("SELECT clientid, topic, qos FROM mqtt_sub ORDER BY id"))
        .containsExactly(
            Map.of("clientid", hostile, "topic", b62(id(1)), "qos", 1L),
            Map.of("clientid", hostile, "topic", b62(id(2)), "qos", 2L));
    assertThat(db.query("SELECT sender, payload FROM mqtt_msg WHERE msgid = '" + b62(id(1)) + "'"))
        .containsExactly(Map.of("sender", hostile, "payload", "it's \"quoted\""));
    assertThat(db.query("SELECT payload FROM mqtt_retain WHERE topic = 'r/x'"))
        .containsExactly(Map.of("payload", "kept"));
    assertThat(db.query("SELECT clientid, topic, mid FROM mqtt_acked"))
        .containsExactly(Map.of("clientid", "sub", "topic", "audit/1", "mid", rowIdOf(id(2))));
  }

  @Test
  void badRecordsGoAloneToTheDeadLetterQueueWithTheirReason() throws Exception {
    start(exampleConfig());
    send("ok1", connected("ok1", T0));
    send("x", "this is not json");
    send("x", "[{\"event\": \"client.connected\", \"clientid\": \"x\"}]");
    send("x", "{\"event\": \"message.dropped\", \"clientid\": \"x\", \"timestamp\": 1}");
    // Without an id, a publish is stored under the id its content derives, not dead-lettered.
    send(
        "x",
        publish("x", id(1), "t/1", 1, false, "m", T0).replace("\"id\":\"" + id(1) + "\",", ""));
    send("y".repeat(80), connected("y".repeat(80), T0)); // longer than mqtt_client.clientid allows
    send("ok2", connected("ok2", T0 + 1));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> db.count("SELECT count(*) FROM mqtt_client WHERE clientid = 'ok2'") == 1,
        "ok2 to land");

    assertThat(db.query("SELECT clientid FROM mqtt_client ORDER BY clientid"))
        .extracting(r -> r.get("clientid"))
        .containsExactly("ok1", "ok2");
    assertThat(db.query("SELECT msgid, sender FROM mqtt_msg"))
        .containsExactly(
            Map.of(
                "msgid",
                b62(DerivedMessageIds.derive("x", "t/1", "m".getBytes(StandardCharsets.UTF_8), T0)),
                "sender",
                "x"));
    List<ConsumerRecord<byte[], byte[]>> dead = connect.consume(dlq, 3, Duration.ofSeconds(30));
    assertThat(dead).hasSize(3);
    Map<Long, String> reasons = ConnectHarness.deadLetterReasons(dead);
    assertThat(reasons).containsOnlyKeys(1L, 2L, 5L);
    assertThat(reasons.get(1L)).contains("offset 1").contains("not valid JSON");
    assertThat(reasons.get(2L)).contains("offset 2").contains("JSON but not an object");
    assertThat(reasons.get(5L)).contains("offset 5").contains("22001");
    assertThat(dead)
        .anySatisfy(
            r ->
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .isEqualTo("this is not json"));
  }

  @Test
  void withoutErrorToleranceTheTaskFailsNamingTheRecord() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.remove("errors.tolerance");
    cfg.remove("errors.deadletterqueue.topic.name");
    String name = start(cfg);
    send("ok1", connected("ok1", T0));
    send("x", "{broken");
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> connect.task(name).state().equals("FAILED"),
        "the task to fail");
    assertThat(connect.task(name).trace())
        .contains("bad record at topic " + topic + ", partition 0, offset 1")
        .contains("not valid JSON");
    assertThat(db.count("SELECT count(*) FROM mqtt_client WHERE clientid = 'ok1'")).isEqualTo(1);
  }

  @Test
  void validateNamesTheKeyOfEachMistake() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.put("hook.client.connected.3", "{\"action\": {\"function\": \"on_client_connected\"");
    cfg.put(
        "hook.message.publish.4", "{\"action\": {\"function\": \"on_message_fetch_for_queue\"}}");
    cfg.put(
        "hook.message.publish.5",
        "{\"topic\": \"a/#/b\", \"action\": {\"function\": \"on_message_publish\"}}");
    cfg.put(
        "hook.message.acked.2",
        "{\"action\": {\"sql\": [\"insert into t values (${no_such_field})\"]}}");
    cfg.remove("lookup.reply.topic");
    String connector = target().connectorClass().getSimpleName();
    Map<String, List<String>> errors = connect.validationErrors(connector, cfg);
    assertThat(errors)
        .containsOnlyKeys(
            "hook.client.connected.3",
            "hook.message.publish.4",
            "hook.message.publish.5",
            "hook.message.acked.2",
            "hook.client.connected.2",
            "hook.session.subscribed.1",
            "hook.session.subscribed.2",
            "lookup.reply.topic");
    assertThat(errors.get("hook.client.connected.3").get(0)).contains("not valid JSON");
    assertThat(errors.get("hook.message.publish.4").get(0))
        .contains("not available for " + target().displayName());
    assertThat(errors.get("hook.message.publish.5").get(0))
        .contains("'#' must be the whole last level");
    assertThat(errors.get("hook.message.acked.2").get(0))
        .contains("unknown placeholder ${no_such_field}");
    assertThat(errors.get("hook.client.connected.2").get(0)).contains("lookup.reply.topic");

    Map<String, String> unreachable = exampleConfig();
    unreachable.put(target().prefix() + ".server", "127.0.0.1:1");
    assertThat(connect.validationErrors(connector, unreachable))
        .containsOnlyKeys(target().prefix() + ".server");
    assertThat(connect.validationErrors(connector, exampleConfig())).isEmpty();
  }

  private static String b62(String hexId) {
    return MessageIdFormat.BASE62.encode(hexId);
  }
}
