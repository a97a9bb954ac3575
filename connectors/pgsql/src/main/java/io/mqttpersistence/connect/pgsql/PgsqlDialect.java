package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.JdbcBinder;
import io.mqttpersistence.connect.jdbc.SqlDialect;
import io.mqttpersistence.connect.jdbc.SqlErrors;
import io.mqttpersistence.connect.jdbc.SqlStatement;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's way of saying the shared functions: ON CONFLICT upserts with WHERE, data-modifying
 * CTEs.
 */
final class PgsqlDialect {

  /** States beyond the standard transient classes: lock timeout, query canceled by a failover. */
  private static final SqlErrors ERRORS =
      new SqlErrors(Set.of("55P03", "57014", "25006"), Set.of());

  /** A connect that is neither older than the stored one nor closed by a later disconnect. */
  private static final String CONNECTION_IS_CURRENT =
      "(mqtt_client.online_at IS NULL OR mqtt_client.online_at <= EXCLUDED.online_at)"
          + " AND (mqtt_client.offline_at IS NULL OR mqtt_client.offline_at < EXCLUDED.online_at"
          + " OR (mqtt_client.offline_at = EXCLUDED.online_at"
          + " AND (mqtt_client.online_at IS NULL OR mqtt_client.online_at < EXCLUDED.online_at)))";

  /** A disconnect of the stored connection (or a newer one), not older than the stored one. */
  private static final String DISCONNECT_IS_CURRENT =
      "(mqtt_client.offline_at IS NULL OR mqtt_client.offline_at <= EXCLUDED.offline_at)"
          + " AND (mqtt_client.online_at IS NULL"
          + " OR mqtt_client.online_at <= COALESCE(EXCLUDED.online_at, EXCLUDED.offline_at))";

  static final SqlDialect INSTANCE =
      new SqlDialect(
          "PostgreSQL",
          ERRORS,
          JdbcBinder::utc,
          // on_client_connected: online unless the row records a newer connection or a later
          // disconnect (such a connect is stale); either way online_at becomes the latest connect
          // time known, so the row does not depend on the order connects and disconnects arrive in.
          SqlStatement.of(
              "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
                  + " VALUES (?, 1, ?, ?, NULL, ?)"
                  + " ON CONFLICT (clientid) DO UPDATE SET"
                  + " state = CASE WHEN "
                  + CONNECTION_IS_CURRENT
                  + " THEN 1 ELSE mqtt_client.state END,"
                  + " node = CASE WHEN "
                  + CONNECTION_IS_CURRENT
                  + " THEN EXCLUDED.node ELSE mqtt_client.node END,"
                  + " offline_at = CASE WHEN "
                  + CONNECTION_IS_CURRENT
                  + " THEN NULL ELSE mqtt_client.offline_at END,"
                  + " online_at = GREATEST(mqtt_client.online_at, EXCLUDED.online_at)",
              "mqtt_client"),
          // on_client_disconnected: offline unless the row records a newer connection than the one
          // that ended (a late disconnect of an old session must not close a newer one); a known
          // start of the ended connection newer than online_at becomes online_at.
          SqlStatement.of(
              "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
                  + " VALUES (?, 0, ?, ?, ?, ?)"
                  + " ON CONFLICT (clientid) DO UPDATE SET"
                  + " state = CASE WHEN "
                  + DISCONNECT_IS_CURRENT
                  + " THEN 0 ELSE mqtt_client.state END,"
                  + " offline_at = CASE WHEN "
                  + DISCONNECT_IS_CURRENT
                  + " THEN EXCLUDED.offline_at ELSE mqtt_client.offline_at END,"
                  + " online_at = GREATEST(mqtt_client.online_at, EXCLUDED.online_at)",
              "mqtt_client"),
          // on_message_publish and on_message_store
          SqlStatement.of(
              "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msgid) DO NOTHING",
              "mqtt_msg"),
          // on_message_retain
          SqlStatement.of(
              "INSERT INTO mqtt_retain(topic, msgid, sender, qos, payload, arrived) VALUES (?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (topic) DO UPDATE SET msgid = EXCLUDED.msgid, sender = EXCLUDED.sender,"
                  + " qos = EXCLUDED.qos, payload = EXCLUDED.payload, arrived = EXCLUDED.arrived"
                  + " WHERE mqtt_retain.arrived IS NULL OR mqtt_retain.arrived <= EXCLUDED.arrived",
              "mqtt_retain"),
          // on_message_acked: one statement, one snapshot: the cursor moves if the message is
          // there, else the ack waits.
          new SqlStatement(
              "WITH p AS (SELECT CAST(? AS varchar) AS msgid, CAST(? AS varchar) AS clientid,"
                  + " CAST(? AS varchar) AS topic, CAST(? AS timestamp) AS created),"
                  + " m AS (SELECT mqtt_msg.id FROM mqtt_msg, p WHERE mqtt_msg.msgid = p.msgid),"
                  + " a AS (INSERT INTO mqtt_acked(clientid, topic, mid, created)"
                  + " SELECT p.clientid, p.topic, m.id, p.created FROM p, m"
                  + " ON CONFLICT (clientid, topic) DO UPDATE SET mid = GREATEST(mqtt_acked.mid, EXCLUDED.mid)"
                  + " RETURNING 1)"
                  + " INSERT INTO mqtt_ack_pending(clientid, topic, msgid, created)"
                  + " SELECT p.clientid, p.topic, p.msgid, p.created FROM p WHERE NOT EXISTS (SELECT 1 FROM m)"
                  + " ON CONFLICT DO NOTHING",
              Set.of("mqtt_acked", "mqtt_ack_pending")),
          // acks that overtook their publish
          List.of(
              "WITH r AS (DELETE FROM mqtt_ack_pending p USING mqtt_msg m WHERE "
                  + SqlDialect.PENDING_ROWS
                  + " AND m.msgid = p.msgid"
                  + " RETURNING p.clientid, p.topic, m.id, p.created)"
                  + " INSERT INTO mqtt_acked(clientid, topic, mid, created)"
                  + " SELECT clientid, topic, max(id), max(created) FROM r GROUP BY clientid, topic"
                  + " ON CONFLICT (clientid, topic) DO UPDATE SET mid = GREATEST(mqtt_acked.mid, EXCLUDED.mid)"),
          // on_message_fetch's first subscription
          "INSERT INTO mqtt_acked(clientid, topic, mid, created)"
              + " VALUES (?, ?, COALESCE((SELECT max(id) FROM mqtt_msg WHERE topic = ?), 0), ?)"
              + " ON CONFLICT (clientid, topic) DO NOTHING",
          PgsqlSchema::create);

  private PgsqlDialect() {}
}
