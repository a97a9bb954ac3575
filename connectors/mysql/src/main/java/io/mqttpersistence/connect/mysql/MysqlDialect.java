package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.JdbcBinder;
import io.mqttpersistence.connect.jdbc.SqlDialect;
import io.mqttpersistence.connect.jdbc.SqlErrors;
import io.mqttpersistence.connect.jdbc.SqlStatement;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * MySQL's (and MariaDB's) way of saying the shared functions. ON DUPLICATE KEY UPDATE has no WHERE,
 * so a conditional upsert guards every assignment with the same condition; the condition only reads
 * columns assigned after it, or reads the same whether it sees their old or new value, so it holds
 * both under MySQL's left-to-right assignment and MariaDB's SIMULTANEOUS_ASSIGNMENT mode. {@code
 * VALUES(col)} is used rather than MySQL 8's row alias because MariaDB has no row alias.
 */
final class MysqlDialect {

  /**
   * Lock wait timeout, server read-only during a failover (1290, 1836), Galera node not ready
   * (1047). Deadlocks (40001) and lost connections (08S01) are transient by their SQLSTATE class.
   */
  private static final SqlErrors ERRORS = new SqlErrors(Set.of(), Set.of(1205, 1290, 1836, 1047));

  /**
   * A connection older than the stored one, or one already closed by a later disconnect, is stale.
   */
  private static final String CONNECTION_IS_CURRENT =
      "(online_at IS NULL OR online_at <= VALUES(online_at))"
          + " AND (offline_at IS NULL OR offline_at < VALUES(online_at)"
          + " OR (offline_at = VALUES(online_at) AND (online_at IS NULL OR online_at < VALUES(online_at))))";

  /**
   * Assigned last, after the conditions above read the old value: the later of the stored and the
   * event's connect time (MySQL's GREATEST is NULL when either is).
   */
  private static final String LATEST_ONLINE_AT =
      " online_at = GREATEST(COALESCE(online_at, VALUES(online_at)),"
          + " COALESCE(VALUES(online_at), online_at))";

  /** Only the stored connection (or an older one) may be closed, never a newer one. */
  private static final String DISCONNECT_IS_CURRENT =
      "(offline_at IS NULL OR offline_at <= VALUES(offline_at))"
          + " AND (online_at IS NULL OR online_at <= COALESCE(VALUES(online_at), VALUES(offline_at)))";

  private static final String RETAINED_IS_NEWER = "(arrived IS NULL OR arrived <= VALUES(arrived))";

  /**
   * Connector/J drops the milliseconds of a bound LocalDateTime when it takes the server for MySQL
   * 5.5 (MariaDB before 11 announces itself as "5.5.5-10.x"); text in this form keeps them
   * everywhere.
   */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  static final SqlDialect INSTANCE =
      new SqlDialect(
          "MySQL",
          ERRORS,
          epochMs -> TIMESTAMP.format(JdbcBinder.utc(epochMs)),
          // on_client_connected: online unless the row records a newer connection or a later
          // disconnect; either way online_at becomes the latest connect time known, so the row does
          // not depend on the order connects and disconnects arrive in.
          SqlStatement.of(
              "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
                  + " VALUES (?, 1, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE"
                  + " state = IF("
                  + CONNECTION_IS_CURRENT
                  + ", 1, state),"
                  + " node = IF("
                  + CONNECTION_IS_CURRENT
                  + ", VALUES(node), node),"
                  + " offline_at = IF("
                  + CONNECTION_IS_CURRENT
                  + ", NULL, offline_at),"
                  + LATEST_ONLINE_AT,
              "mqtt_client"),
          // on_client_disconnected: offline unless the row records a newer connection than the one
          // that ended; a known start of the ended connection newer than online_at becomes it.
          SqlStatement.of(
              "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
                  + " VALUES (?, 0, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                  + " state = IF("
                  + DISCONNECT_IS_CURRENT
                  + ", 0, state),"
                  + " offline_at = IF("
                  + DISCONNECT_IS_CURRENT
                  + ", VALUES(offline_at), offline_at),"
                  + LATEST_ONLINE_AT,
              "mqtt_client"),
          // on_message_publish and on_message_store: A no-op update rather than INSERT IGNORE,
          // which would also turn bad data into warnings.
          SqlStatement.of(
              "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id",
              "mqtt_msg"),
          // on_message_retain
          SqlStatement.of(
              "INSERT INTO mqtt_retain(topic, msgid, sender, qos, payload, arrived) VALUES (?, ?, ?, ?, ?, ?)"
                  + " ON DUPLICATE KEY UPDATE"
                  + " msgid = IF("
                  + RETAINED_IS_NEWER
                  + ", VALUES(msgid), msgid),"
                  + " sender = IF("
                  + RETAINED_IS_NEWER
                  + ", VALUES(sender), sender),"
                  + " qos = IF("
                  + RETAINED_IS_NEWER
                  + ", VALUES(qos), qos),"
                  + " payload = IF("
                  + RETAINED_IS_NEWER
                  + ", VALUES(payload), payload),"
                  + " arrived = IF("
                  + RETAINED_IS_NEWER
                  + ", VALUES(arrived), arrived)",
              "mqtt_retain"),
          // on_message_acked: Every ack is parked and resolved at the end of the batch: MySQL has
          // no data-modifying CTE to move the cursor or park the ack in one statement, and two
          // statements could both miss a publish committed by another task between them.
          SqlStatement.of(
              "INSERT INTO mqtt_ack_pending(msgid, clientid, topic, created) VALUES (?, ?, ?, ?)"
                  + " ON DUPLICATE KEY UPDATE created = created",
              "mqtt_ack_pending"),
          // acks that overtook their publish: Moves cursors first, then drops only the pending acks
          // the cursors now cover.
          List.of(
              "INSERT INTO mqtt_acked(clientid, topic, mid, created)"
                  + " SELECT p.clientid, p.topic, max(m.id), max(p.created)"
                  + " FROM mqtt_ack_pending p JOIN mqtt_msg m ON m.msgid = p.msgid WHERE "
                  + SqlDialect.PENDING_ROWS
                  + " GROUP BY p.clientid, p.topic"
                  + " ON DUPLICATE KEY UPDATE mid = GREATEST(COALESCE(mqtt_acked.mid, 0), VALUES(mid))",
              "DELETE p FROM mqtt_ack_pending p JOIN mqtt_msg m ON m.msgid = p.msgid"
                  + " JOIN mqtt_acked a ON a.clientid = p.clientid AND a.topic = p.topic WHERE "
                  + SqlDialect.PENDING_ROWS
                  + " AND a.mid >= m.id"),
          // on_message_fetch's first subscription
          "INSERT INTO mqtt_acked(clientid, topic, mid, created)"
              + " VALUES (?, ?, COALESCE((SELECT max(id) FROM mqtt_msg WHERE topic = ?), 0), ?)"
              + " ON DUPLICATE KEY UPDATE mid = mid",
          MysqlSchema::create);

  private MysqlDialect() {}
}
