package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreRules;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EMQX's Cassandra tables as the shared suites read them: a fresh keyspace per {@link #freshStore},
 * created by the connector.
 */
final class CassandraStore implements StoreUnderTest {
  /** Cassandra's functions keep what the SQL ones keep, but a cursor is any acked message's id. */
  static final StoreRules RULES = new StoreRules(false, false, false);

  private final String nodes;
  private final CqlSession session;
  private String keyspace;

  CassandraStore(String nodes) {
    this.nodes = nodes;
    this.session = CassandraTestServer.session(nodes);
  }

  CqlSession session() {
    return session;
  }

  String keyspace() {
    return keyspace;
  }

  @Override
  public String name() {
    return "cassandra";
  }

  @Override
  public String connectorClass() {
    return CassandraSinkConnector.class.getName();
  }

  @Override
  public Map<String, String> freshStore() {
    dropKeyspace();
    keyspace = CassandraTestServer.freshKeyspace();
    return CassandraTestServer.connection(nodes, keyspace);
  }

  /**
   * The test server runs without an authenticator: the driver never sends the password, so the
   * tests show that it is never shown, not that it is checked.
   */
  @Override
  public Map<String, String> credentials(String secret) {
    return Map.of("cassandra.username", "mqttp", "cassandra.password", secret);
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
  public StoreRules rules() {
    return RULES;
  }

  @Override
  public Snapshot snapshot() {
    Map<String, Snapshot.Client> clients = new LinkedHashMap<>();
    Map<String, Snapshot.Message> messages = new LinkedHashMap<>();
    Map<String, Snapshot.Retained> retained = new LinkedHashMap<>();
    Map<String, String> cursors = new LinkedHashMap<>();
    for (Row r : rows("SELECT clientid, state, connected, disconnected FROM client")) {
      clients.put(
          r.getString("clientid"),
          new Snapshot.Client(
              r.isNull("state") ? -1 : r.getInt("state"),
              ms(r.getInstant("connected")),
              ms(r.getInstant("disconnected"))));
    }
    for (Row r : rows("SELECT topic, msgid, sender, qos, retain, payload, arrived FROM msg")) {
      messages.put(
          r.getString("msgid"),
          new Snapshot.Message(
              r.getString("sender"),
              r.getString("topic"),
              r.getInt("qos"),
              r.getInt("retain") == 1,
              text(r.getByteBuffer("payload")),
              ms(r.getInstant("arrived"))));
    }
    for (Row r : rows("SELECT topic, msgid, sender, qos, payload, arrived FROM retain")) {
      retained.put(
          r.getString("topic"),
          new Snapshot.Retained(
              r.getString("msgid"),
              r.getString("sender"),
              r.getInt("qos"),
              text(r.getByteBuffer("payload")),
              ms(r.getInstant("arrived"))));
    }
    for (Row r : rows("SELECT clientid, topic, msgid FROM acked")) {
      cursors.put(
          Snapshot.cursorKey(r.getString("clientid"), r.getString("topic")),
          r.isNull("msgid") ? "" : r.getString("msgid"));
    }
    return new Snapshot(clients, messages, retained, cursors);
  }

  /**
   * A table of the user's in the fresh keyspace, made before the connector starts (it prepares raw
   * statements then); the connector's schema.create adds its own tables beside it.
   */
  void createUserTable(String definition) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE " + keyspace + "." + definition);
  }

  /** A table's rows; none while the connector has not created it yet. */
  List<Row> rows(String cql) {
    try {
      return session.execute(cql.replace(" FROM ", " FROM " + keyspace + ".")).all();
    } catch (InvalidQueryException notYetCreated) {
      return List.of();
    }
  }

  private static Long ms(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  private static String text(ByteBuffer b) {
    return b == null ? null : StandardCharsets.UTF_8.decode(b.duplicate()).toString();
  }

  private void dropKeyspace() {
    if (keyspace != null) {
      session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
      keyspace = null;
    }
  }

  @Override
  public void close() {
    dropKeyspace();
    session.close();
  }
}
