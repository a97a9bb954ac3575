package io.mqttpersistence.connect.pgsql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * EMQX's five tables (reference 4.2) plus what our statements rely on: a unique msgid (idempotent
 * publishes), a (topic, id) index for fetches, and mqtt_ack_pending for acks that overtake their
 * publish. Every statement is IF NOT EXISTS, so tables EMQX created get only the indexes added.
 */
final class PgsqlSchema {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS mqtt_client(id SERIAL8 PRIMARY KEY, clientid character varying(64),"
              + " state integer, node character varying(64), online_at timestamp, offline_at timestamp,"
              + " created timestamp without time zone, UNIQUE (clientid))",
          "CREATE TABLE IF NOT EXISTS mqtt_sub(id SERIAL8 PRIMARY KEY, clientid character varying(64),"
              + " topic character varying(255), qos integer, created timestamp without time zone,"
              + " UNIQUE (clientid, topic))",
          "CREATE TABLE IF NOT EXISTS mqtt_msg(id SERIAL8 PRIMARY KEY, msgid character varying(64),"
              + " sender character varying(64), topic character varying(255), qos integer, retain integer,"
              + " payload text, arrived timestamp without time zone)",
          "CREATE TABLE IF NOT EXISTS mqtt_retain(id SERIAL8 PRIMARY KEY, topic character varying(255),"
              + " msgid character varying(64), sender character varying(64), qos integer, payload text,"
              + " arrived timestamp without time zone, UNIQUE (topic))",
          // EMQX's DDL has topic varchar(64) here; ours matches mqtt_sub so long topics keep a
          // cursor.
          "CREATE TABLE IF NOT EXISTS mqtt_acked(id SERIAL8 PRIMARY KEY, clientid character varying(64),"
              + " topic character varying(255), mid integer, created timestamp without time zone,"
              + " UNIQUE (clientid, topic))",
          "CREATE TABLE IF NOT EXISTS mqtt_ack_pending(clientid character varying(64),"
              + " topic character varying(255), msgid character varying(64),"
              + " created timestamp without time zone, PRIMARY KEY (clientid, topic, msgid))",
          "CREATE UNIQUE INDEX IF NOT EXISTS mqtt_msg_msgid_key ON mqtt_msg (msgid)",
          "CREATE INDEX IF NOT EXISTS mqtt_msg_topic_id_idx ON mqtt_msg (topic, id)",
          "CREATE INDEX IF NOT EXISTS mqtt_ack_pending_msgid_idx ON mqtt_ack_pending (msgid)");

  /** An arbitrary constant: tasks starting together take turns creating the schema. */
  private static final long DDL_LOCK = 0x6d717474_70657273L;

  private PgsqlSchema() {}

  static void create(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
