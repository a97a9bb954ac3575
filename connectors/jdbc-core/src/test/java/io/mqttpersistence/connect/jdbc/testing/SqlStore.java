package io.mqttpersistence.connect.jdbc.testing;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SQL connector's tables as the shared suites read them: a fresh database per {@link
 * #freshStore}.
 */
public final class SqlStore implements StoreUnderTest {
  private final SqlTestTarget target;
  private SqlTestDatabase db;
  private String login;

  public SqlStore(SqlTestTarget target) {
    this.target = target;
  }

  /** A store on a private server of {@code target}'s database, for the restart suite. */
  public static RestartableStore onPrivateServer(SqlTestTarget target) throws Exception {
    RestartableServer server = target.startPrivateServer();
    return RestartableStore.of(
        new SqlStore(target.withServer(server.server())), server::stop, server::start, server);
  }

  public SqlTestDatabase database() {
    return db;
  }

  @Override
  public String name() {
    return target.prefix();
  }

  @Override
  public String connectorClass() {
    return target.connectorClass().getName();
  }

  @Override
  public Map<String, String> freshStore() {
    close();
    db = target.createDatabase();
    String p = target.prefix();
    return Map.of(
        p + ".server", db.server(), p + ".database", db.name(), p + ".username", db.user());
  }

  /** A login of the fresh database's own, where the server checks passwords. */
  @Override
  public Map<String, String> credentials(String secret) {
    String p = target.prefix();
    String user = db.name() + "_login";
    List<String> create = target.logins().create(user, secret, db.name());
    if (create.isEmpty()) {
      return Map.of(p + ".password", secret);
    }
    db.execute(create.toArray(String[]::new));
    login = user;
    return Map.of(p + ".username", user, p + ".password", secret);
  }

  @Override
  public Map<String, String> writeHooks() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hook.client.connected.1", TestConfigs.function("on_client_connected"));
    h.put("hook.client.disconnected.1", TestConfigs.function("on_client_disconnected"));
    h.put("hook.message.publish.1", TestConfigs.function("#", "on_message_publish"));
    h.put("hook.message.publish.2", TestConfigs.function("#", "on_message_retain"));
    h.put("hook.message.publish.3", TestConfigs.function("#", "on_retain_delete"));
    h.put("hook.message.acked.1", TestConfigs.function("#", "on_message_acked"));
    return h;
  }

  @Override
  public Snapshot snapshot() {
    if (!db.hasTable("mqtt_ack_pending")) {
      return new Snapshot(Map.of(), Map.of(), Map.of(), Map.of());
    }
    Map<String, Snapshot.Client> clients = new LinkedHashMap<>();
    for (Map<String, Object> r :
        db.query("SELECT clientid, state, online_at, offline_at FROM mqtt_client")) {
      clients.put(
          (String) r.get("clientid"),
          new Snapshot.Client(
              Integer.parseInt(r.get("state").toString()),
              ms(r.get("online_at")),
              ms(r.get("offline_at"))));
    }
    Map<String, Snapshot.Message> messages = new LinkedHashMap<>();
    for (Map<String, Object> r :
        db.query("SELECT msgid, sender, topic, qos, retain, payload, arrived FROM mqtt_msg")) {
      messages.put(
          (String) r.get("msgid"),
          new Snapshot.Message(
              (String) r.get("sender"),
              (String) r.get("topic"),
              ((Number) r.get("qos")).intValue(),
              ((Number) r.get("retain")).intValue() != 0,
              (String) r.get("payload"),
              ms(r.get("arrived"))));
    }
    Map<String, Snapshot.Retained> retained = new LinkedHashMap<>();
    for (Map<String, Object> r :
        db.query("SELECT topic, msgid, sender, qos, payload, arrived FROM mqtt_retain")) {
      retained.put(
          (String) r.get("topic"),
          new Snapshot.Retained(
              (String) r.get("msgid"),
              (String) r.get("sender"),
              ((Number) r.get("qos")).intValue(),
              (String) r.get("payload"),
              ms(r.get("arrived"))));
    }
    Map<String, String> cursors = new LinkedHashMap<>();
    for (Map<String, Object> r :
        db.query(
            "SELECT a.clientid, a.topic, m.msgid FROM mqtt_acked a"
                + " LEFT JOIN mqtt_msg m ON m.id = a.mid")) {
      Object msgid = r.get("msgid");
      cursors.put(
          Snapshot.cursorKey((String) r.get("clientid"), (String) r.get("topic")),
          msgid == null ? "" : msgid.toString());
    }
    return new Snapshot(clients, messages, retained, cursors);
  }

  private static Long ms(Object t) {
    return t == null ? null : ((LocalDateTime) t).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Override
  public void close() {
    if (db != null) {
      if (login != null) {
        db.execute(target.logins().drop(login).toArray(String[]::new));
        login = null;
      }
      db.close();
      db = null;
    }
  }
}
