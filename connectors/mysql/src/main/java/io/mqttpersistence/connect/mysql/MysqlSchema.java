package io.mqttpersistence.connect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * EMQX's five MySQL tables (reference 3.2: utf8mb4, InnoDB, its unique keys) plus what our
 * statements rely on: a unique msgid (idempotent publishes), a (topic, id) index for fetches, and
 * mqtt_ack_pending. Where we create a table it keeps milliseconds ({@code datetime(3)}) so
 * reconnects within a second stay ordered, and 64-bit message ids; tables EMQX created keep their
 * columns and only gain the indexes.
 */
final class MysqlSchema {
  private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

  private static final List<String> TABLES =
      List.of(
          "CREATE TABLE IF NOT EXISTS mqtt_client(id int(11) unsigned NOT NULL AUTO_INCREMENT,"
              + " clientid varchar(64), state varchar(3), node varchar(64), online_at datetime(3),"
              + " offline_at datetime(3), created timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3),"
              + " PRIMARY KEY (id), KEY mqtt_client_idx (clientid), UNIQUE KEY mqtt_client_key (clientid))"
              + TABLE_OPTIONS,
          "CREATE TABLE IF NOT EXISTS mqtt_sub(id int(11) unsigned NOT NULL AUTO_INCREMENT,"
              + " clientid varchar(64), topic varchar(180), qos tinyint(1),"
              + " created timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (id),"
              + " KEY mqtt_sub_idx (clientid, topic, qos), UNIQUE KEY mqtt_sub_key (clientid, topic),"
              + " INDEX topic_index (topic))"
              + TABLE_OPTIONS,
          "CREATE TABLE IF NOT EXISTS mqtt_msg(id bigint unsigned NOT NULL AUTO_INCREMENT, msgid varchar(64),"
              + " topic varchar(180) NOT NULL, sender varchar(64), node varchar(64),"
              + " qos tinyint(1) NOT NULL DEFAULT '0', retain tinyint(1), payload blob, arrived datetime(3) NOT NULL,"
              + " PRIMARY KEY (id), INDEX topic_index (topic, id), UNIQUE KEY mqtt_msg_msgid_key (msgid))"
              + TABLE_OPTIONS,
          "CREATE TABLE IF NOT EXISTS mqtt_retain(id int(11) unsigned NOT NULL AUTO_INCREMENT,"
              + " topic varchar(180), msgid varchar(64), sender varchar(64), node varchar(64), qos tinyint(1),"
              + " payload blob, arrived timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (id),"
              + " UNIQUE KEY mqtt_retain_key (topic))"
              + TABLE_OPTIONS,
          "CREATE TABLE IF NOT EXISTS mqtt_acked(id int(11) unsigned NOT NULL AUTO_INCREMENT,"
              + " clientid varchar(64), topic varchar(180), mid bigint unsigned,"
              + " created timestamp(3) NULL DEFAULT NULL, PRIMARY KEY (id),"
              + " UNIQUE KEY mqtt_acked_key (clientid, topic))"
              + TABLE_OPTIONS,
          "CREATE TABLE IF NOT EXISTS mqtt_ack_pending(clientid varchar(64) NOT NULL,"
              + " topic varchar(180) NOT NULL, msgid varchar(64) NOT NULL, created datetime(3),"
              + " PRIMARY KEY (clientid, topic, msgid), KEY mqtt_ack_pending_msgid_idx (msgid))"
              + TABLE_OPTIONS);

  /** Indexes our statements need on tables EMQX may have created without them. */
  private record Index(String table, String name, String columns, boolean unique) {
    String ddl() {
      return "CREATE "
          + (unique ? "UNIQUE " : "")
          + "INDEX "
          + name
          + " ON "
          + table
          + " ("
          + columns
          + ")";
    }
  }

  private static final List<Index> INDEXES =
      List.of(
          new Index("mqtt_msg", "mqtt_msg_msgid_key", "msgid", true),
          new Index("mqtt_msg", "mqtt_msg_topic_id_idx", "topic,id", false));

  private static final String LOCK = "mqtt-persistence-schema";

  private MysqlSchema() {}

  static void create(Connection c) throws SQLException {
    // MySQL commits DDL on its own; a named lock keeps tasks starting together from racing.
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT GET_LOCK('" + LOCK + "', 60)")) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new SQLException("timed out waiting for the schema lock '" + LOCK + "'");
        }
      }
      try {
        for (String ddl : TABLES) {
          s.execute(ddl);
        }
        for (Index index : INDEXES) {
          if (!hasIndex(c, index)) {
            s.execute(index.ddl());
          }
        }
      } finally {
        s.executeQuery("SELECT RELEASE_LOCK('" + LOCK + "')").close();
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  /**
   * Whether any index, whatever its name, covers exactly these columns in order (and is unique if
   * needed).
   */
  private static boolean hasIndex(Connection c, Index index) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT index_name FROM information_schema.statistics"
                + " WHERE table_schema = DATABASE() AND table_name = ?"
                + " GROUP BY index_name"
                + " HAVING GROUP_CONCAT(column_name ORDER BY seq_in_index) = ? AND MAX(non_unique) <= ?")) {
      ps.setString(1, index.table());
      ps.setString(2, index.columns());
      ps.setInt(3, index.unique() ? 0 : 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
