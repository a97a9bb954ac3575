package io.mqttpersistence.connect.redis;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.acked;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.connected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.disconnected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The same mixed stream with duplicates, written through Connect into each Redis deployment the
 * connector supports, each disturbed halfway: a restart of a single server, a resharding of a
 * cluster, a failover behind sentinels. Every run must end in EMQX's key layout with nothing lost.
 * Two tasks over three partitions, so acks overtake their publishes too.
 */
class RedisDeploymentsIT {
  private static final int MESSAGES = 300;
  private static final int CLIENTS = 10;
  private static ConnectHarness connect;
  private static int runs;

  private final long t0 = System.currentTimeMillis() - 60_000;

  @BeforeAll
  static void startCluster() {
    assumeTrue(LocalRedis.installed(), "redis-server is not installed (.ci/run installs it)");
    connect = ConnectHarness.start();
  }

  @AfterAll
  static void stopCluster() {
    if (connect != null) {
      connect.close();
    }
  }

  @Test
  void singleServerRestartedMidStream() throws Exception {
    try (LocalRedis redis = LocalRedis.single();
        UnifiedJedis reader =
            RedisClient.builder().hostAndPort(hostAndPort(redis.addresses().get(0))).build()) {
      run(
          Map.of("redis.type", "single", "redis.server", redis.addresses().get(0)),
          reader,
          () -> redis.restart(2000));
    }
  }

  @Test
  void clusterResharedMidStream() throws Exception {
    try (LocalRedis redis = LocalRedis.cluster();
        UnifiedJedis reader =
            RedisClusterClient.builder().nodes(hostsOf(redis.addresses())).build()) {
      run(
          Map.of("redis.type", "cluster", "redis.server", String.join(",", redis.addresses())),
          reader,
          () -> reshard(redis));
      Set<String> nodesWithKeys = new HashSet<>();
      for (String address : redis.addresses()) {
        try (Jedis node = new Jedis(hostAndPort(address))) {
          if (node.dbSize() > 0) {
            nodesWithKeys.add(address);
          }
        }
      }
      assertThat(nodesWithKeys).as("keys spread over the masters").hasSize(3);
    }
  }

  @Test
  void sentinelFailoverMidStream() throws Exception {
    try (LocalRedis redis = LocalRedis.sentinel();
        UnifiedJedis reader =
            RedisSentinelClient.builder()
                .masterName("mymaster")
                .sentinels(Set.of(hostAndPort(redis.addresses().get(2))))
                .build()) {
      int oldMaster = redis.port(0);
      run(
          Map.of(
              "redis.type",
              "sentinel",
              "redis.server",
              redis.addresses().get(2),
              "redis.sentinel",
              "mymaster",
              // Without it, writes the old master acknowledged just before the promotion can be
              // lost (Redis replicates asynchronously): the test failed now and then that way.
              "redis.wait.replicas",
              "1"),
          reader,
          () -> failover(redis, oldMaster));
    }
  }

  private interface Disturbance {
    void apply() throws Exception;
  }

  private void run(Map<String, String> deployment, UnifiedJedis reader, Disturbance disturbance)
      throws Exception {
    runs++;
    String topic = "events-" + runs;
    connect.createTopic(topic, 3);
    Map<String, String> cfg = TestConfigs.base(RedisSinkConnector.class.getName(), topic, 2);
    cfg.putAll(deployment);
    cfg.put("hook.client.connected.1", TestConfigs.function("on_client_connected"));
    cfg.put("hook.client.disconnected.1", TestConfigs.function("on_client_disconnected"));
    cfg.put("hook.message.publish.1", TestConfigs.function("#", "on_message_publish"));
    cfg.put("hook.message.publish.2", TestConfigs.function("#", "on_message_retain"));
    cfg.put("hook.message.acked.1", TestConfigs.function("queue/#", "on_message_acked_for_queue"));
    cfg.put(
        "hook.message.acked.2", TestConfigs.function("pubsub/#", "on_message_acked_for_pubsub"));
    cfg.put(
        "hook.message.publish.3",
        "{\"topic\": \"#\", \"action\": {\"commands\": [\"HSET mqtt:last:${clientid} ${topic} ${msgid}\"]}}");
    String name = "redis-" + runs;
    connect.startConnector(name, cfg);

    List<String[]> stream = stream();
    int half = stream.size() / 2;
    produce(topic, stream.subList(0, half));
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60),
        () -> exists(reader, "mqtt:msg:" + b62(id(101))),
        "the first half to land");
    disturbance.apply();
    produce(topic, stream.subList(half, stream.size()));
    ConnectHarness.waitUntil(
        Duration.ofMinutes(2),
        () ->
            exists(reader, "mqtt:client:c0")
                && "0".equals(hget(reader, "mqtt:client:c0", "state"))
                && exists(reader, "mqtt:msg:" + b62(id(MESSAGES - 1))),
        "the whole stream to land");
    Thread.sleep(1500); // the other task's last batch

    verify(reader);
    assertThat(connect.running(name)).isTrue();
    connect.cluster().deleteConnector(name);
  }

  private void verify(UnifiedJedis r) {
    Set<Integer> ackedQueue = new HashSet<>();
    Map<String, Integer> newestPubsubAck = new TreeMap<>();
    for (int i = 7; i < MESSAGES; i += 7) {
      if (topic(i - 3).startsWith("queue/")) {
        ackedQueue.add(i - 3);
      } else if (topic(i - 3).startsWith("pubsub/")) {
        newestPubsubAck.merge(topic(i - 3), i - 3, Math::max);
      }
    }
    Map<String, List<String>> expectedZsets = new TreeMap<>();
    for (int i = 0; i < MESSAGES; i++) {
      Map<String, String> hash = r.hgetAll("mqtt:msg:" + b62(id(i)));
      if (ackedQueue.contains(i)) {
        // Gone, or a tombstone the publish filled in when its ack came first.
        assertThat(hash.isEmpty() || hash.containsKey("acked"))
            .as("message %d consumed: %s", i, hash)
            .isTrue();
        continue;
      }
      assertThat(hash)
          .as("message %d", i)
          .containsEntry("payload", "m" + i)
          .containsEntry("topic", topic(i))
          .containsEntry("from", client(i))
          .containsEntry("ts", Long.toString(t0 + i));
      expectedZsets.computeIfAbsent(topic(i), t -> new ArrayList<>()).add(b62(id(i)));
    }
    for (Map.Entry<String, List<String>> e : expectedZsets.entrySet()) {
      List<String> members = new ArrayList<>(r.zrange("mqtt:msg:" + e.getKey(), 0, -1));
      members.removeIf(m -> ackedQueue.stream().anyMatch(i -> b62(id(i)).equals(m)));
      assertThat(members)
          .as("zset of %s, oldest first", e.getKey())
          .containsExactlyElementsOf(e.getValue());
    }
    newestPubsubAck.forEach(
        (topic, i) ->
            assertThat(r.get("mqtt:acked:s1:" + topic))
                .as("cursor on %s", topic)
                .isEqualTo(b62(id(i))));
    for (int k = 0; k < 2; k++) {
      int newest = -1;
      for (int i = 0; i < MESSAGES; i++) {
        if (i % 25 == 0 && i / 25 % 2 == k) {
          newest = i;
        }
      }
      assertThat(r.get("mqtt:retain:r/" + k)).isEqualTo(b62(id(newest)));
    }
    for (int c = 0; c < CLIENTS; c++) {
      assertThat(r.hget("mqtt:client:c" + c, "state")).as("c%d", c).isEqualTo(c < 5 ? "0" : "1");
      int last = -1;
      for (int i = 0; i < MESSAGES; i++) {
        if (client(i).equals("c" + c) && i % 25 != 0) {
          last = i;
        }
      }
      assertThat(r.hget("mqtt:last:c" + c, topic(last))).isEqualTo(b62(id(last)));
    }
  }

  /**
   * Clients connect; message i is published by c(i % 10) on queue/* or pubsub/* (every tenth twice,
   * every 25th retained on r/0 or r/1); every seventh message, s1 acks message i-3; c0..c4
   * disconnect.
   */
  private List<String[]> stream() {
    List<String[]> out = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      out.add(new String[] {"c" + c, connected("c" + c, t0 - 1000 + c)});
    }
    for (int i = 0; i < MESSAGES; i++) {
      String publish = publish(client(i), id(i), topic(i), 1, i % 25 == 0, "m" + i, t0 + i);
      out.add(new String[] {client(i), publish});
      if (i % 10 == 3) {
        out.add(new String[] {client(i), publish});
      }
      if (i % 7 == 0 && i >= 7) {
        out.add(
            new String[] {"s1", acked("s1", client(i - 3), id(i - 3), topic(i - 3), 1, t0 + i)});
      }
    }
    for (int c = 0; c < 5; c++) {
      out.add(new String[] {"c" + c, disconnected("c" + c, t0 + MESSAGES + c, t0 - 1000 + c)});
    }
    return out;
  }

  private String id(long i) {
    return Emqx5Events.guid(t0 + i, i);
  }

  private static boolean isQueue(int i) {
    return i % 2 == 0;
  }

  private static String topic(int i) {
    return i % 25 == 0 ? "r/" + (i / 25 % 2) : (isQueue(i) ? "queue/" : "pubsub/") + (i % 3);
  }

  private static String client(int i) {
    return "c" + (i % CLIENTS);
  }

  private static String b62(String hexId) {
    return MessageIdFormat.BASE62.encode(hexId);
  }

  private static void produce(String topic, List<String[]> events) {
    for (String[] e : events) {
      connect.produce(topic, e[0], e[1]);
    }
  }

  private static boolean exists(UnifiedJedis r, String key) {
    try {
      return r.exists(key);
    } catch (RuntimeException notReachableYet) {
      return false;
    }
  }

  private static String hget(UnifiedJedis r, String key, String field) {
    try {
      return r.hget(key, field);
    } catch (RuntimeException notReachableYet) {
      return null;
    }
  }

  /**
   * Moves a third of the first master's slots to the second while the connector holds old routes.
   */
  private static void reshard(LocalRedis redis) throws Exception {
    String from;
    String to;
    try (Jedis a = new Jedis("127.0.0.1", redis.port(0));
        Jedis b = new Jedis("127.0.0.1", redis.port(1))) {
      from = a.clusterMyId();
      to = b.clusterMyId();
    }
    Path log = Files.createTempFile("reshard", ".log");
    Process p =
        new ProcessBuilder(
                "redis-cli",
                "--cluster",
                "reshard",
                "127.0.0.1:" + redis.port(0),
                "--cluster-from",
                from,
                "--cluster-to",
                to,
                "--cluster-slots",
                "2000",
                "--cluster-yes")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("reshard failed: " + Files.readString(log));
    }
  }

  /**
   * Promotes the replica through the sentinel, once it holds every write (replication is
   * asynchronous, and a forced failover loses what the replica had not received), and waits until
   * the sentinel names it master.
   */
  private static void failover(LocalRedis redis, int oldMaster) throws Exception {
    try (Jedis master = new Jedis("127.0.0.1", oldMaster)) {
      assertThat(master.waitReplicas(1, 10_000)).isEqualTo(1);
    }
    try (Jedis sentinel = new Jedis("127.0.0.1", redis.port(2))) {
      sentinel.sentinelFailover("mymaster");
      ConnectHarness.waitUntil(
          Duration.ofSeconds(60),
          () -> {
            List<String> master = sentinel.sentinelGetMasterAddrByName("mymaster");
            return !master.get(1).equals(Integer.toString(oldMaster));
          },
          "the sentinel to promote the replica");
    }
  }

  private static HostAndPort hostAndPort(String address) {
    String[] hp = address.split(":", -1);
    return new HostAndPort(hp[0], Integer.parseInt(hp[1]));
  }

  private static Set<HostAndPort> hostsOf(List<String> addresses) {
    Set<HostAndPort> out = new LinkedHashSet<>();
    addresses.forEach(a -> out.add(hostAndPort(a)));
    return out;
  }
}
