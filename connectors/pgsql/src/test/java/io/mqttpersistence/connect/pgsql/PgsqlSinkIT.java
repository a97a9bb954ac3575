package io.mqttpersistence.connect.pgsql;

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
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL connector end to end: Kafka, a Connect worker, REST, and a real PostgreSQL server. */
class PgsqlSinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final long T0 = 1_700_000_000_000L;
  private static ConnectHarness connect;

  private PgsqlTestDatabase db;
  private String topic;
  private String replies;
  private String dlq;

  @BeforeAll
  static void startCluster() {
    connect = ConnectHarness.start();
  }

  @AfterAll
  static void stopCluster() {
    connect.close();
  }

  @BeforeEach
  void freshDatabaseAndTopics() {
    db = PgsqlTestDatabase.create();
    int n = SEQ.incrementAndGet();
    topic = "emqx-events-" + n;
    replies = "emqx-replies-" + n;
    dlq = "emqx-dlq-" + n;
    connect.createTopic(topic, 1);
    connect.createTopic(replies, 1);
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  /** config-examples/pgsql.json pointed at this test's database and topics. */
  private Map<String, String> exampleConfig() throws Exception {
    JsonNode example = JSON.readTree(Files.readString(Path.of("../../config-examples/pgsql.json")));
    Map<String, String> cfg = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = example.get("config").properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      cfg.put(e.getKey(), e.getValue().asText());
    }
    cfg.put("name", "pgsql-it");
    cfg.put("tasks.max", "1");
    cfg.put("topics", topic);
    cfg.put("pgsql.server", db.server());
    cfg.put("pgsql.database", db.name());
    cfg.put("pgsql.username", PgsqlTestDatabase.USER);
    cfg.put("lookup.reply.topic", replies);
    cfg.put("lookup.reply.bootstrap.servers", connect.bootstrapServers());
    cfg.put("errors.deadletterqueue.topic.name", dlq);
    cfg.put("retry.backoff.ms", "500");
    return cfg;
  }

  private String start(Map<String, String> cfg) {
    String name = "pgsql-" + SEQ.incrementAndGet();
    cfg.put("name", name);
    connect.startConnector(name, cfg);
    ConnectHarness.waitUntil(Duration.ofSeconds(30), () -> db.hasTable("mqtt_ack_pending"), "schema creation");
    return name;
  }

  private void send(String clientid, String json) {
    connect.produce(topic, clientid, json);
  }

  private void awaitMessage(String msgHexId) {
    String stored = MessageIdFormat.BASE62.encode(msgHexId);
    ConnectHarness.waitUntil(Duration.ofSeconds(60),
        () -> db.count("SELECT count(*) FROM mqtt_msg WHERE msgid = '" + stored + "'") == 1,
        "message " + msgHexId + " to be stored");
  }

  private long rowIdOf(String hexId) {
    return db.count("SELECT id FROM mqtt_msg WHERE msgid = '" + MessageIdFormat.BASE62.encode(hexId) + "'");
  }

  @Test
  void defaultHooksFillEmqxTablesAndAnswerLookups() throws Exception {
    start(exampleConfig());
    db.execute("INSERT INTO mqtt_sub(clientid, topic, qos) VALUES ('sub1', 't/1', 1), ('sub1', 'cmd/#', 7)");

    send("c1", connected("c1", T0));
    send("sub1", connected("sub1", T0 + 1));
    send("sub1", subscribed("sub1", "t/1", 1, T0 + 2)); // first subscription: cursor starts at "now"
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
    send("c1", publish("c1", id(10), "t/end", 1, false, "end", T0 + 70));
    awaitMessage(id(10));

    assertThat(db.query("SELECT clientid, state, node, online_at, offline_at FROM mqtt_client ORDER BY clientid"))
        .extracting(r -> r.get("clientid") + ":" + r.get("state") + ":" + r.get("offline_at"))
        .containsExactly("c1:1:null", "sub1:1:null");
    assertThat(db.query("SELECT online_at FROM mqtt_client WHERE clientid = 'c1'").get(0).get("online_at"))
        .hasToString("2023-11-14 22:13:20.04");

    List<String> stored = db.query("SELECT msgid FROM mqtt_msg ORDER BY id").stream()
        .map(r -> (String) r.get("msgid")).toList();
    assertThat(stored).containsExactly(
        b62(id(1)), b62(id(2)), b62(id(4)), b62(id(7)), b62(id(8)), b62(id(9)), b62(id(10)));
    assertThat(db.query("SELECT sender, topic, qos, retain, payload FROM mqtt_msg WHERE msgid = '" + b62(id(4)) + "'"))
        .containsExactly(Map.of("sender", "c1", "topic", "r/1", "qos", 1, "retain", 1, "payload", "r1"));

    assertThat(db.query("SELECT topic, payload, sender FROM mqtt_retain"))
        .containsExactly(Map.of("topic", "r/1", "payload", "r1", "sender", "c1"));

    // The re-subscribe set the cursor to the newest t/1 message then (m7); fetching does not move it.
    assertThat(db.query("SELECT clientid, topic, mid FROM mqtt_acked"))
        .containsExactly(Map.of("clientid", "sub1", "topic", "t/1", "mid", (int) rowIdOf(id(7))));
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
    assertThat(fetched.get("messages")).extracting(m -> m.get("payload").asText()).containsExactly("m8", "{\"n\":9}");
    assertThat(fetched.get("messages").get(1).get("qos").asInt()).isEqualTo(2);
    JsonNode retained = answers.get(2);
    assertThat(retained.get("clientid").asText()).isEqualTo("sub2");
    assertThat(retained.get("function").asText()).isEqualTo("on_retain_lookup");
    assertThat(retained.get("messages").get(0).get("retain").asBoolean()).isTrue();
    assertThat(retained.get("messages").get(0).get("payload").asText()).isEqualTo("r1");
    assertThat(retained.get("messages").get(0).get("msgid").asText()).isEqualTo(b62(id(4)));
  }

  @Test
  void badRecordsGoAloneToTheDeadLetterQueueWithTheirReason() throws Exception {
    start(exampleConfig());
    send("ok1", connected("ok1", T0));
    send("x", "this is not json");
    send("x", "{\"event\": \"message.dropped\", \"clientid\": \"x\", \"timestamp\": 1}");
    send("x", publish("x", id(1), "t/1", 1, false, "m", T0).replace("\"id\":\"" + id(1) + "\",", ""));
    send("y".repeat(80), connected("y".repeat(80), T0)); // longer than mqtt_client.clientid allows
    send("ok2", connected("ok2", T0 + 1));
    ConnectHarness.waitUntil(Duration.ofSeconds(60),
        () -> db.count("SELECT count(*) FROM mqtt_client WHERE clientid = 'ok2'") == 1, "ok2 to land");

    assertThat(db.query("SELECT clientid FROM mqtt_client ORDER BY clientid"))
        .extracting(r -> r.get("clientid")).containsExactly("ok1", "ok2");
    List<ConsumerRecord<byte[], byte[]>> dead = connect.consume(dlq, 4, Duration.ofSeconds(30));
    assertThat(dead).hasSize(4);
    List<String> reasons = dead.stream().map(r -> header(r, "__connect.errors.exception.message")).toList();
    assertThat(reasons.get(0)).contains("offset 1").contains("not valid JSON");
    assertThat(reasons.get(1)).contains("unsupported event 'message.dropped'");
    assertThat(reasons.get(2)).contains("hook.message.publish.1").contains("no message id");
    assertThat(reasons.get(3)).contains("offset 4").contains("22001");
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
  }

  @Test
  void withoutErrorToleranceTheTaskFailsNamingTheRecord() throws Exception {
    Map<String, String> cfg = exampleConfig();
    cfg.remove("errors.tolerance");
    cfg.remove("errors.deadletterqueue.topic.name");
    String name = start(cfg);
    send("ok1", connected("ok1", T0));
    send("x", "{broken");
    ConnectHarness.waitUntil(Duration.ofSeconds(60), () -> connect.task(name).state().equals("FAILED"),
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
    cfg.put("hook.message.publish.4", "{\"action\": {\"function\": \"on_message_fetch_for_queue\"}}");
    cfg.put("hook.message.publish.5", "{\"topic\": \"a/#/b\", \"action\": {\"function\": \"on_message_publish\"}}");
    cfg.put("hook.message.acked.2", "{\"action\": {\"sql\": [\"insert into t values (${no_such_field})\"]}}");
    cfg.remove("lookup.reply.topic");
    ConfigInfos result = connect.cluster().validateConnectorConfig(PgsqlSinkConnector.class.getSimpleName(), cfg);
    Map<String, List<String>> errors = errors(result);
    assertThat(errors).containsOnlyKeys("hook.client.connected.3", "hook.message.publish.4",
        "hook.message.publish.5", "hook.message.acked.2", "hook.client.connected.2", "hook.session.subscribed.1",
        "hook.session.subscribed.2", "lookup.reply.topic");
    assertThat(errors.get("hook.client.connected.3").get(0)).contains("not valid JSON");
    assertThat(errors.get("hook.message.publish.4").get(0)).contains("not available for PostgreSQL");
    assertThat(errors.get("hook.message.publish.5").get(0)).contains("'#' must be the whole last level");
    assertThat(errors.get("hook.message.acked.2").get(0)).contains("unknown placeholder ${no_such_field}");
    assertThat(errors.get("hook.client.connected.2").get(0)).contains("lookup.reply.topic");

    Map<String, String> unreachable = exampleConfig();
    unreachable.put("pgsql.server", "127.0.0.1:1");
    assertThat(errors(connect.cluster().validateConnectorConfig(PgsqlSinkConnector.class.getSimpleName(),
        unreachable))).containsOnlyKeys("pgsql.server");
    assertThat(errors(connect.cluster().validateConnectorConfig(PgsqlSinkConnector.class.getSimpleName(),
        exampleConfig()))).isEmpty();
  }

  private static Map<String, List<String>> errors(ConfigInfos infos) {
    Map<String, List<String>> out = new HashMap<>();
    for (ConfigInfo info : infos.values()) {
      if (!info.configValue().errors().isEmpty()) {
        out.put(info.configValue().name(), info.configValue().errors());
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String b62(String hexId) {
    return MessageIdFormat.BASE62.encode(hexId);
  }
}
