package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.redis.RedisBenchAccess;
import io.mqttpersistence.connect.redis.RedisSinkTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.connect.sink.SinkTask;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;

/**
 * Redis at {@code -Dbench.redis.server} (default 127.0.0.1:6379), database 14, emptied before each
 * measurement. The baselines send what the connector's on_message_publish sends for each event: the
 * message hash, its expiry, its zset entry and (one in sixteen) the zset purge.
 */
final class RedisTarget implements Target {
  private static final int DB = 14;
  private static final long EXPIRY_MS = 7_200_000;
  private final String server = System.getProperty("bench.redis.server", "127.0.0.1:6379");
  private final RedisClient client;

  RedisTarget() {
    String[] hp = server.split(":", -1);
    client =
        RedisClient.builder()
            .hostAndPort(new HostAndPort(hp[0], Integer.parseInt(hp[1])))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .database(DB)
                    .protocol(RedisProtocol.RESP2)
                    .socketTimeoutMillis(120_000)
                    .build())
            .build(); // emptying a million keys takes seconds
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public String versions() {
    String info = client.info("server");
    String version =
        info.lines()
            .filter(l -> l.startsWith("redis_version:"))
            .findFirst()
            .orElse("?")
            .substring(14);
    return "Redis " + version.trim() + ", Jedis " + jedisVersion();
  }

  private static String jedisVersion() {
    try (var in =
        RedisClient.class.getResourceAsStream(
            "/META-INF/maven/redis.clients/jedis/pom.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (Exception unknown) {
      return "?";
    }
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("redis.server", server, "redis.database", Integer.toString(DB));
  }

  @Override
  public String connectorClass() {
    return "io.mqttpersistence.connect.redis.RedisSinkConnector";
  }

  @Override
  public SinkTask newTask() {
    return new RedisSinkTask();
  }

  @Override
  public SinkDefinition<?, ? extends EventSinkConfig> definition() {
    return RedisBenchAccess.definition();
  }

  @Override
  public EventStore<?> storeWithoutIo() {
    return RedisBenchAccess.storeWithoutServer();
  }

  @Override
  public void reset() {
    client.flushDB();
  }

  /** Messages indexed in the topics' zsets. */
  @Override
  public long storedMessages() {
    List<Response<Long>> sizes = new ArrayList<>();
    try (AbstractPipeline p = client.pipelined()) {
      for (int t = 0; t < Workload.TOPICS; t++) {
        sizes.add(p.zcard("mqtt:msg:" + Workload.topic(t)));
      }
      p.sync();
    }
    return sizes.stream().mapToLong(Response::get).sum();
  }

  private static void send(AbstractPipeline p, Workload.Row r) {
    String msgid = MessageIdFormat.BASE62.encode(r.msgidHex());
    String key = "mqtt:msg:" + msgid;
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", msgid);
    hash.put("from", r.sender());
    hash.put("qos", Integer.toString(r.qos()));
    hash.put("topic", r.topic());
    hash.put("payload", r.payload());
    hash.put("ts", Long.toString(r.arrivedMs()));
    hash.put("retain", "false");
    p.hset(key, hash);
    p.pexpireAt(key, r.arrivedMs() + EXPIRY_MS);
    OptionalLong micros = MessageIdFormat.microsOf(msgid);
    double score = micros.orElse(r.arrivedMs() * 1000);
    p.zadd("mqtt:msg:" + r.topic(), score, msgid);
    if (r.msgidHex().charAt(31) == '0') { // the connector's purge rate: one publish in sixteen
      p.zremrangeByScore(
          "mqtt:msg:" + r.topic(), "-inf", "(" + (long) (score - EXPIRY_MS * 1000.0));
    }
  }

  private double pipelined(List<Workload.Row> rows, int perPipeline) {
    reset();
    long start = System.nanoTime();
    for (int from = 0; from < rows.size(); from += perPipeline) {
      try (AbstractPipeline p = client.pipelined()) {
        for (Workload.Row r : rows.subList(from, Math.min(rows.size(), from + perPipeline))) {
          send(p, r);
        }
        p.sync();
      }
    }
    return SqlTarget.rate(rows.size(), start);
  }

  /** The faster of pipelines of 1,000 and of 10,000 events' commands per round trip. */
  @Override
  public double limit(List<Workload.Row> rows) {
    return Math.max(pipelined(rows, 1_000), pipelined(rows, 10_000));
  }

  /** Every command its own round trip, as EMQX 4's eredis pool ran them. */
  @Override
  public double emqx4(List<Workload.Row> rows) {
    reset();
    long start = System.nanoTime();
    for (Workload.Row r : rows) {
      String msgid = MessageIdFormat.BASE62.encode(r.msgidHex());
      String key = "mqtt:msg:" + msgid;
      client.hset(
          key,
          Map.of(
              "id",
              msgid,
              "from",
              r.sender(),
              "qos",
              Integer.toString(r.qos()),
              "topic",
              r.topic(),
              "payload",
              r.payload(),
              "ts",
              Long.toString(r.arrivedMs()),
              "retain",
              "false"));
      client.pexpireAt(key, r.arrivedMs() + EXPIRY_MS);
      client.zadd(
          "mqtt:msg:" + r.topic(), (double) MessageIdFormat.microsOf(msgid).orElse(0), msgid);
    }
    return SqlTarget.rate(rows.size(), start);
  }

  @Override
  public double emqx5(List<Workload.Row> rows) {
    return pipelined(rows, 100);
  }

  @Override
  public void close() {
    client.close();
  }
}
