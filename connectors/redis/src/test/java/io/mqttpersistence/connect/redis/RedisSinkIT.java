package io.mqttpersistence.connect.redis;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.acked;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.connected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.disconnected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.subscribed;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.unsubscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.EmbeddedConnectSuite;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis connector end to end: Kafka, a Connect worker, REST, and the machine's Redis server
 * ({@code -Dit.redis.server}, default 127.0.0.1:6379), in database {@code -Dit.redis.database}
 * (default 9), which each test empties first.
 */
class RedisSinkIT extends EmbeddedConnectSuite {
  private static final String SERVER = System.getProperty("it.redis.server", "127.0.0.1:6379");
  private static final int DATABASE = Integer.getInteger("it.redis.database", 9);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQ = new AtomicInteger();

  /** Recent event times, so that expiry (event time + expired_time) lies in the future. */
  private final long t0 = System.currentTimeMillis() - 60_000;

  private ConnectHarness.Topics topics;
  private String topic;
  private String replies;
  private String dlq;

  @BeforeEach
  void emptyDatabaseAndFreshTopics() {
    try (Jedis j = redis()) {
      j.flushDB();
    }
    topics = connect.freshTopics(1);
    topic = topics.events();
    replies = topics.replies();
    dlq = topics.dlq();
  }

  private static Jedis redis() {
    String[] hp = SERVER.split(":", -1);
    Jedis j = new Jedis(hp[0], Integer.parseInt(hp[1]));
    j.select(DATABASE);
    return j;
  }

  /** config-examples/redis.json pointed at this test's database and topics. */
  private Map<String, String> config() {
    Map<String, String> cfg = connect.exampleConfig("redis", topics);
    cfg.put("redis.server", SERVER);
    cfg.put("redis.database", Integer.toString(DATABASE));
    return cfg;
  }

  private String start(Map<String, String> cfg) {
    String name = "redis-" + SEQ.incrementAndGet();
    cfg.put("name", name);
    connect.startConnector(name, cfg);
    return name;
  }

  private void send(String clientid, String json) {
    connect.produce(topic, clientid, json);
  }

  private void awaitKey(String key) {
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> {
          try (Jedis j = redis()) {
            return j.exists(key);
          }
        },
        key + " to be written");
  }

  /** Message n's id, minted n milliseconds after t0 as the broker would. */
  private String id(long n) {
    return Emqx5Events.guid(t0 + n, n);
  }

  private static String b62(String hexId) {
    return MessageIdFormat.BASE62.encode(hexId);
  }

  @Test
  void defaultHooksWriteEmqxKeyLayoutAndAnswerLookups() throws Exception {
    try (Jedis j = redis()) {
      j.hset("mqtt:sub:sub1", Map.of("queue/a", "1", "cmd/#", "7"));
    }
    start(config());
    long t = t0;
    send("c1", connected("c1", t));
    send("sub1", connected("sub1", t + 1));
    send("c1", publish("c1", id(1), "queue/a", 1, false, "q1", t + 10));
    send("c1", publish("c1", id(2), "queue/a", 1, false, "q2", t + 11));
    send("c1", publish("c1", id(2), "queue/a", 1, false, "q2", t + 11)); // redelivered duplicate
    send("c1", publish("c1", id(3), "pubsub/a", 1, false, "p3", t + 12));
    send("sub1", subscribed("sub1", "pubsub/a", 1, t + 13)); // first subscription: cursor at p3
    send("c1", publish("c1", id(4), "pubsub/a", 1, false, "p4", t + 14));
    send("c1", publish("c1", id(5), "pubsub/a", 2, false, "p5", t + 15));
    send("c1", publish("c1", id(6), "r/1", 0, true, "r1", t + 16));
    send("c1", publish("c1", id(7), "r/2", 1, true, "r2", t + 17));
    send("c1", publish("c1", id(8), "r/2", 0, true, "", t + 18)); // clears r/2
    send("c1", publish("c1", id(9), "plain/qos0", 0, false, "not stored", t + 19));
    send("sub1", acked("sub1", "c1", id(1), "queue/a", 1, t + 20)); // queue: consumed for everyone
    send("sub1", acked("sub1", "c1", id(4), "pubsub/a", 1, t + 21)); // pubsub: cursor moves to p4
    send("sub1", subscribed("sub1", "queue/a", 1, t + 22)); // delivers q2
    send("sub1", subscribed("sub1", "pubsub/a", 1, t + 23)); // delivers p5
    send("sub2", subscribed("sub2", "r/1", 0, t + 24)); // retained r1
    send("sub1", unsubscribed("sub1", "queue/a", t + 25));
    send("c1", disconnected("c1", t + 30, t));
    send("c1", connected("c1", t + 40));
    send("c1", disconnected("c1", t + 35, t)); // late disconnect of the first session
    send("c1", publish("c1", id(10), "end", 1, false, "end", t + 50));
    awaitKey("mqtt:msg:" + b62(id(10)));

    try (Jedis j = redis()) {
      assertThat(j.hgetAll("mqtt:client:c1"))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("state", "1", "online_at", Long.toString(t + 40), "offline_at", "undefined"));
      assertThat(j.hget("mqtt:client:sub1", "state")).isEqualTo("1");
      assertThat(j.hgetAll("mqtt:node:emqx@127.0.0.1"))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("c1", Long.toString(t + 40), "sub1", Long.toString(t + 1)));

      assertThat(j.hgetAll("mqtt:msg:" + b62(id(2))))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "id",
                  b62(id(2)),
                  "from",
                  "c1",
                  "qos",
                  "1",
                  "topic",
                  "queue/a",
                  "payload",
                  "q2",
                  "ts",
                  Long.toString(t + 11),
                  "retain",
                  "false"));
      assertThat((double) j.pttl("mqtt:msg:" + b62(id(2))))
          .isCloseTo((double) (t + 11 + 3_600_000 - System.currentTimeMillis()), within(10_000.0));
      assertThat(j.hgetAll("mqtt:msg:" + b62(id(1))))
          .as("consumed by the queue ack: a tombstone")
          .containsExactly(Map.entry("acked", "1"));
      assertThat((double) j.pttl("mqtt:msg:" + b62(id(1))))
          .isCloseTo((double) (t + 10 + 3_600_000 - System.currentTimeMillis()), within(10_000.0));
      assertThat(j.zrange("mqtt:msg:queue/a", 0, -1)).containsExactly(b62(id(2)));
      assertThat(j.zrange("mqtt:msg:pubsub/a", 0, -1))
          .containsExactly(b62(id(3)), b62(id(4)), b62(id(5)));
      assertThat(j.exists("mqtt:msg:" + b62(id(9)))).as("QoS 0 is not stored").isFalse();

      assertThat(j.get("mqtt:retain:r/1")).isEqualTo(b62(id(6)));
      assertThat(j.pttl("mqtt:retain:r/1")).isPositive();
      assertThat(j.exists("mqtt:msg:" + b62(id(6)))).isTrue();
      assertThat(j.zrange("mqtt:msg:r/1", 0, -1)).as("QoS 0 retained: hash only").isEmpty();
      assertThat(j.exists("mqtt:retain:r/2")).isFalse();
      assertThat(j.hget("mqtt:msg:" + b62(id(7)), "deleted"))
          .as(
              "a cleared retained message's hash stays as a tombstone, so redelivery cannot revive it")
          .isEqualTo("1");

      assertThat(j.get("mqtt:acked:sub1:pubsub/a")).isEqualTo(b62(id(4)));
      assertThat(j.exists("mqtt:acked:sub1:queue/a"))
          .as("deleted by the unsubscribe command")
          .isFalse();
    }

    List<JsonNode> answers = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : connect.consume(replies, 4, Duration.ofSeconds(30))) {
      answers.add(JSON.readTree(r.value()));
    }
    assertThat(answers)
        .extracting(a -> a.get("clientid").asText() + ":" + a.get("function").asText())
        .containsExactly(
            "sub1:on_subscribe_lookup",
            "sub1:on_message_fetch_for_queue",
            "sub1:on_message_fetch_for_pubsub",
            "sub2:on_retain_lookup");
    assertThat(answers.get(0).get("subscriptions").toString())
        .contains("{\"topic\":\"queue/a\",\"qos\":1}")
        .contains("{\"topic\":\"cmd/#\",\"qos\":2}");
    assertThat(answers.get(1).get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("q2");
    assertThat(answers.get(2).get("messages"))
        .extracting(m -> m.get("payload").asText())
        .containsExactly("p5");
    assertThat(answers.get(2).get("messages").get(0).get("qos").asInt()).isEqualTo(2);
    JsonNode retained = answers.get(3).get("messages").get(0);
    assertThat(retained.get("payload").asText()).isEqualTo("r1");
    assertThat(retained.get("retain").asBoolean()).isTrue();
    assertThat(retained.get("arrived").asLong()).isEqualTo(t + 16);
  }

  @Test
  void offlineMessagesComeBackOldestFirstInEveryMode() throws Exception {
    Map<String, String> cfg = config();
    cfg.keySet().removeIf(k -> k.startsWith("hook."));
    cfg.put(
        "hook.message.publish.1",
        "{\"topic\": \"q/#\", \"action\": {\"function\": \"on_message_publish\"}}");
    cfg.put(
        "hook.message.publish.2",
        "{\"topic\": \"latest/#\", \"action\": {\"function\": \"on_message_store_keep_latest\"}, \"expired_time\": 600}");
    cfg.put(
        "hook.session.subscribed.1",
        "{\"topic\": \"q/#\", \"action\": {\"function\": \"on_message_fetch_for_queue\"}}");
    cfg.put(
        "hook.session.subscribed.2",
        "{\"topic\": \"latest/#\", \"action\": {\"function\": \"on_message_fetch_for_keep_latest\"}}");
    cfg.put(
        "hook.message.acked.1",
        "{\"topic\": \"q/#\", \"action\": {\"function\": \"on_message_acked_for_queue\"}}");
    cfg.put(
        "hook.message.acked.2",
        "{\"topic\": \"latest/#\", \"action\": {\"function\": \"on_message_acked_for_keep_latest\"}}");
    start(cfg);
    long t = t0;
    // EMQX 4 scored every member 1, so fetches came back in id-string order; here in publish order.
    for (int i = 0; i < 12; i++) {
      send(
          "p", publish("p", Emqx5Events.guid(t + i, 70 - i * 5L), "q/x", 1, false, "m" + i, t + i));
    }
    send("s", acked("s", "p", id(999), "q/x", 1, t + 20)); // overtakes its publish
    send("p", publish("p", id(999), "q/x", 1, false, "consumed before it arrived", t + 19));
    send("p", publish("p", id(100), "latest/x", 0, false, "first", t + 30));
    send("p", publish("p", id(101), "latest/x", 0, false, "second", t + 31));
    send("p", publish("p", id(99), "latest/x", 0, false, "late and older", t + 29));
    send("s", subscribed("s", "q/x", 1, t + 40));
    send("s", subscribed("s", "latest/x", 1, t + 41));
    send("s", acked("s", "p", id(100), "latest/x", 1, t + 42)); // older than the latest: keeps it
    send("s", subscribed("s2", "latest/x", 2, t + 43));
    send("s", acked("s", "p", id(101), "latest/x", 1, t + 44)); // consumes it
    send("p", publish("p", id(500), "q/end", 1, false, "end", t + 50));
    awaitKey("mqtt:msg:" + b62(id(500)));

    List<JsonNode> answers = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : connect.consume(replies, 3, Duration.ofSeconds(30))) {
      answers.add(JSON.readTree(r.value()));
    }
    assertThat(answers).hasSize(3);
    List<String> queue = new ArrayList<>();
    answers.get(0).get("messages").forEach(m -> queue.add(m.get("payload").asText()));
    assertThat(queue)
        .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
    assertThat(answers.get(1).get("messages").get(0).get("payload").asText()).isEqualTo("second");
    assertThat(answers.get(2).get("clientid").asText()).isEqualTo("s2");
    assertThat(answers.get(2).get("messages").get(0).get("payload").asText()).isEqualTo("second");
    try (Jedis j = redis()) {
      assertThat(j.exists("mqtt:latest_msg:latest/x")).isFalse();
      assertThat(j.hget("mqtt:msg:" + b62(id(999)), "acked")).isEqualTo("1");
      assertThat(j.zrange("mqtt:msg:q/x", 0, -1))
          .as("the consumed id was dropped by the fetch")
          .doesNotContain(b62(id(999)));
    }
  }

  @Test
  void commandsSplitBeforeValuesAreFilledIn() throws Exception {
    Map<String, String> cfg = config();
    cfg.keySet().removeIf(k -> k.startsWith("hook."));
    cfg.put(
        "hook.message.publish.1",
        "{\"topic\": \"audit/#\", \"action\": {\"commands\": [\"pipeline\","
            + " \"HSET mqtt:audit:${clientid} ${topic} ${payload}\", \"RPUSH mqtt:log:${clientid} ${message}\","
            + " \"PEXPIRE mqtt:log:${clientid} 600000\"]}}");
    start(cfg);
    String hostile = "a b\"c\nd ${topic}";
    String payload = "hello world \"quoted\" \r\n DEL mqtt:audit";
    send(hostile, publish(hostile, id(1), "audit/1", 1, false, payload, t0));
    awaitKey("mqtt:log:" + hostile);
    try (Jedis j = redis()) {
      assertThat(j.hgetAll("mqtt:audit:" + hostile)).containsExactly(Map.entry("audit/1", payload));
      assertThat(j.lrange("mqtt:log:" + hostile, 0, -1))
          .containsExactly(
              "id",
              b62(id(1)),
              "from",
              hostile,
              "qos",
              "1",
              "topic",
              "audit/1",
              "payload",
              payload,
              "ts",
              Long.toString(t0),
              "retain",
              "false");
      assertThat(j.pttl("mqtt:log:" + hostile)).isPositive();
    }
  }

  @Test
  void badRecordsGoAloneToTheDeadLetterQueueWithTheirReason() throws Exception {
    try (Jedis j = redis()) {
      j.set("mqtt:client:wrongtype", "a string, not a hash");
    }
    start(config());
    send("ok1", connected("ok1", t0));
    send("x", "this is not json");
    send("wrongtype", connected("wrongtype", t0));
    // An ack with neither an id nor its publisher: no id can be derived for it.
    send(
        "x",
        acked("x", "p", id(1), "queue/1", 1, t0)
            .replace("\"id\":\"" + id(1) + "\",", "")
            .replace("\"from_clientid\":\"p\",", ""));
    send("ok2", connected("ok2", t0 + 1));
    awaitKey("mqtt:client:ok2");
    List<ConsumerRecord<byte[], byte[]>> dead = connect.consume(dlq, 3, Duration.ofSeconds(30));
    assertThat(dead).hasSize(3);
    Map<Long, String> reasons = ConnectHarness.deadLetterReasons(dead);
    assertThat(reasons).containsOnlyKeys(1L, 2L, 3L);
    assertThat(reasons.get(1L)).contains("offset 1").contains("not valid JSON");
    assertThat(reasons.get(2L)).contains("offset 2").contains("WRONGTYPE");
    assertThat(reasons.get(3L)).contains("hook.message.acked.1").contains("no message id");
    try (Jedis j = redis()) {
      assertThat(j.hget("mqtt:client:ok1", "state")).isEqualTo("1");
    }
  }

  /**
   * A server without replicas never confirms redis.wait.replicas=1: each batch is retried, and
   * after max.retries the task fails saying why; the writes themselves reached the master.
   */
  @Test
  void aBatchTooFewReplicasConfirmIsRetriedThenFailsTheTaskSayingWhy() throws Exception {
    Map<String, String> cfg = config();
    cfg.put("redis.wait.replicas", "1");
    cfg.put("redis.timeout.ms", "400");
    cfg.put("max.retries", "2");
    cfg.put("retry.backoff.ms", "100");
    String name = start(cfg);
    send("unreplicated", connected("unreplicated", t0));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> connect.task(name).state().equals("FAILED"),
        "the task to give up");
    assertThat(connect.task(name).trace())
        .contains("giving up after 2 retries")
        .contains("only 0 of the 1 replicas redis.wait.replicas asks for");
    connect.cluster().deleteConnector(name);
  }

  @Test
  void validateNamesTheKeyOfEachMistake() throws Exception {
    Map<String, String> cfg = config();
    cfg.put("name", "redis-validate");
    cfg.put("hook.message.publish.4", "{\"action\": {\"function\": \"on_message_fetch\"}}");
    cfg.put("hook.message.publish.5", "{\"action\": {\"sql\": [\"insert into t values (1)\"]}}");
    cfg.put(
        "hook.message.publish.6",
        "{\"action\": {\"function\": \"on_message_publish\"}, \"expired_time\": \"soon\"}");
    cfg.put("hook.message.publish.7", "{\"action\": {\"commands\": [\"SET ${message} x\"]}}");
    cfg.put("redis.type", "sentinel");
    Map<String, List<String>> errors = connect.validationErrors("RedisSinkConnector", cfg);
    assertThat(errors.keySet()).contains("redis.sentinel");
    cfg.put("redis.type", "single");
    errors = connect.validationErrors("RedisSinkConnector", cfg);
    assertThat(errors)
        .containsOnlyKeys(
            "hook.message.publish.4",
            "hook.message.publish.5",
            "hook.message.publish.6",
            "hook.message.publish.7");
    assertThat(errors.get("hook.message.publish.4").get(0)).contains("not available for Redis");
    assertThat(errors.get("hook.message.publish.5").get(0)).contains("\"commands\"");
    assertThat(errors.get("hook.message.publish.6").get(0)).contains("expired_time");
    assertThat(errors.get("hook.message.publish.7").get(0)).contains("cannot be the key");

    Map<String, String> unreachable = config();
    unreachable.put("name", "redis-validate");
    unreachable.put("redis.server", "127.0.0.1:1");
    assertThat(connect.validationErrors("RedisSinkConnector", unreachable))
        .containsOnlyKeys("redis.server");
  }
}
