package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * EMQX's keyspace and tables (reference 5.2), created only where missing, plus what the connector's
 * queries add: {@code msg_timeline} (each topic's message ids in publish order, because msgid text
 * does not sort by time), the retained message's body columns on {@code retain}, and the cursor's
 * publish time on {@code acked}. Tables EMQX created get the added columns by ALTER TABLE.
 */
final class CassandraSchema {
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put(
        CassandraCql.CLIENT,
        "(clientid text PRIMARY KEY, node text, state int, connected timestamp,"
            + " disconnected timestamp)");
    TABLES.put(
        CassandraCql.SUB, "(clientid text, topic text, qos int, PRIMARY KEY (clientid, topic))");
    TABLES.put(
        CassandraCql.MSG,
        "(topic text, msgid text, sender text, qos int, retain int, payload blob,"
            + " arrived timestamp, PRIMARY KEY (topic, msgid)) WITH CLUSTERING ORDER BY (msgid"
            + " DESC)");
    TABLES.put(
        CassandraCql.RETAIN,
        "(topic text PRIMARY KEY, msgid text, sender text, qos int, payload blob,"
            + " arrived timestamp)");
    TABLES.put(
        CassandraCql.ACKED,
        "(clientid text, topic text, msgid text, published bigint,"
            + " PRIMARY KEY (clientid, topic))");
    TABLES.put(
        CassandraCql.TIMELINE,
        "(topic text, published bigint, msgid text, PRIMARY KEY (topic, published, msgid))"
            + " WITH CLUSTERING ORDER BY (published DESC, msgid DESC)");
  }

  /** Columns the connector adds to tables EMQX created. */
  private static final Map<String, Map<String, String>> ADDED =
      Map.of(
          CassandraCql.RETAIN,
              Map.of("sender", "text", "qos", "int", "payload", "blob", "arrived", "timestamp"),
          CassandraCql.ACKED, Map.of("published", "bigint"));

  private CassandraSchema() {}

  /** Creates what is missing; the keyspace name was validated as a plain identifier. */
  static void create(CqlSession session, String keyspace) {
    CqlIdentifier ks = CqlIdentifier.fromCql(keyspace);
    Optional<KeyspaceMetadata> meta = session.getMetadata().getKeyspace(ks);
    if (meta.isEmpty()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS "
              + keyspace
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
              + " AND durable_writes = true");
      meta = session.refreshSchema().getKeyspace(ks);
    }
    for (Map.Entry<String, String> t : TABLES.entrySet()) {
      Optional<TableMetadata> table = meta.flatMap(m -> m.getTable(t.getKey()));
      if (table.isEmpty()) {
        session.execute(
            "CREATE TABLE IF NOT EXISTS " + keyspace + "." + t.getKey() + " " + t.getValue());
        continue;
      }
      for (Map.Entry<String, String> c : ADDED.getOrDefault(t.getKey(), Map.of()).entrySet()) {
        if (table.get().getColumn(c.getKey()).isEmpty()) {
          session.execute(
              "ALTER TABLE "
                  + keyspace
                  + "."
                  + t.getKey()
                  + " ADD "
                  + c.getKey()
                  + " "
                  + c.getValue());
        }
      }
    }
  }
}
