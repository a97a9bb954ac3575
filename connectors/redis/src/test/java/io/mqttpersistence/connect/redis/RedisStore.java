package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreRules;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * EMQX's Redis keys as the shared suites read them, in one database of the machine's server ({@code
 * -Dit.redis.server}) that {@link #freshStore} empties. Pubsub cursors stand for the SQL cursors.
 */
final class RedisStore implements StoreUnderTest {
  private final String server;
  private final String connectorServer;
  private final int database;
  private static final String LOGIN = "mqttp-test-login";
  private boolean loginCreated;

  RedisStore(String server, int database) {
    this(server, server, database);
  }

  /** A store the connector reaches at {@code connectorServer} (a TLS port) and tests at server. */
  RedisStore(String server, String connectorServer, int database) {
    this.server = server;
    this.connectorServer = connectorServer;
    this.database = database;
  }

  Jedis jedis() {
    String[] hp = server.split(":", -1);
    Jedis j = new Jedis(hp[0], Integer.parseInt(hp[1]));
    j.select(database);
    return j;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public String connectorClass() {
    return RedisSinkConnector.class.getName();
  }

  @Override
  public Map<String, String> freshStore() {
    try (Jedis j = jedis()) {
      j.flushDB();
    }
    return Map.of("redis.server", connectorServer, "redis.database", Integer.toString(database));
  }

  /** An ACL user of its own (Redis 6+), with every right: the default user needs no password. */
  @Override
  public Map<String, String> credentials(String secret) {
    try (Jedis j = jedis()) {
      j.aclSetUser(LOGIN, "reset", "on", ">" + secret, "~*", "&*", "+@all");
    }
    loginCreated = true;
    return Map.of("redis.username", LOGIN, "redis.password", secret);
  }

  @Override
  public Map<String, String> writeHooks() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hook.client.connected.1", TestConfigs.function("on_client_connected"));
    h.put("hook.client.disconnected.1", TestConfigs.function("on_client_disconnected"));
    h.put("hook.message.publish.1", TestConfigs.function("#", "on_message_publish"));
    h.put("hook.message.publish.2", TestConfigs.function("#", "on_message_retain"));
    h.put("hook.message.publish.3", TestConfigs.function("#", "on_retain_delete"));
    h.put("hook.message.acked.1", TestConfigs.function("#", "on_message_acked_for_pubsub"));
    return h;
  }

  @Override
  public StoreRules rules() {
    return StoreRules.REDIS;
  }

  @Override
  public Snapshot snapshot() {
    Map<String, Snapshot.Client> clients = new LinkedHashMap<>();
    Map<String, Snapshot.Message> messages = new LinkedHashMap<>();
    Map<String, Snapshot.Retained> retained = new LinkedHashMap<>();
    Map<String, String> cursors = new LinkedHashMap<>();
    try (Jedis j = jedis()) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = j.scan(cursor, new ScanParams().match("mqtt:*").count(500));
        for (String key : page.getResult()) {
          read(j, key, clients, messages, retained, cursors);
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return new Snapshot(clients, messages, retained, cursors);
  }

  private static void read(
      Jedis j,
      String key,
      Map<String, Snapshot.Client> clients,
      Map<String, Snapshot.Message> messages,
      Map<String, Snapshot.Retained> retained,
      Map<String, String> cursors) {
    if (key.startsWith("mqtt:client:")) {
      Map<String, String> h = j.hgetAll(key);
      clients.put(
          key.substring("mqtt:client:".length()),
          new Snapshot.Client(
              Integer.parseInt(h.get("state")),
              time(h.get("online_at")),
              time(h.get("offline_at"))));
    } else if (key.startsWith("mqtt:msg:") && j.type(key).equals("hash")) {
      Map<String, String> h = j.hgetAll(key);
      if (!h.containsKey("acked") && !h.containsKey("deleted")) { // tombstones are not messages
        messages.put(key.substring("mqtt:msg:".length()), message(h));
      }
    } else if (key.startsWith("mqtt:retain:")) {
      String msgid = j.get(key);
      Map<String, String> h = j.hgetAll("mqtt:msg:" + msgid);
      retained.put(
          key.substring("mqtt:retain:".length()),
          new Snapshot.Retained(
              msgid,
              h.get("from"),
              Integer.parseInt(h.getOrDefault("qos", "-1")),
              h.get("payload"),
              Long.parseLong(h.getOrDefault("ts", "-1"))));
    } else if (key.startsWith("mqtt:acked:")) {
      String rest = key.substring("mqtt:acked:".length());
      int colon = rest.indexOf(':'); // the suites' clientids hold no colon
      cursors.put(
          Snapshot.cursorKey(rest.substring(0, colon), rest.substring(colon + 1)), j.get(key));
    }
  }

  private static Snapshot.Message message(Map<String, String> h) {
    return new Snapshot.Message(
        h.get("from"),
        h.get("topic"),
        Integer.parseInt(h.get("qos")),
        Boolean.parseBoolean(h.get("retain")),
        h.get("payload"),
        Long.parseLong(h.get("ts")));
  }

  private static Long time(String v) {
    return v == null || v.equals("undefined") ? null : Long.valueOf(v);
  }

  @Override
  public void close() {
    if (loginCreated) {
      try (Jedis j = jedis()) {
        j.aclDelUser(LOGIN);
      }
      loginCreated = false;
    }
  }
}
