package io.mqttpersistence.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one SQL database says differently: upsert syntax, DDL and which errors are worth a retry.
 * The flow of every built-in function lives in {@link JdbcFunctions} and {@link JdbcQueries}; each
 * statement here takes exactly the parameters its javadoc lists, in that order, so a dialect can
 * never change the flow.
 *
 * <p>Timestamps are UTC wall-clock times, bound as {@link #timestamp(long)} makes them.
 */
public interface SqlDialect {

  /**
   * An event time as a bind value for a timestamp column: UTC wall-clock time, with milliseconds.
   */
  default Object timestamp(long epochMs) {
    return JdbcBinder.utc(epochMs);
  }

  /** The database's name, for messages ("PostgreSQL", "MySQL"). */
  String displayName();

  /** Transient SQLSTATEs and vendor codes beyond the standard classes. */
  SqlErrors errors();

  /**
   * on_client_connected: upsert the client online unless the stored row records a newer connection
   * or a later disconnect. Parameters: clientid, node, online_at, created.
   */
  SqlStatement clientConnected();

  /**
   * on_client_disconnected: upsert the client offline unless the stored row records a newer
   * connection than the one that ended. Parameters: clientid, node, online_at (the ended
   * connection's start, may be null), offline_at, created.
   */
  SqlStatement clientDisconnected();

  /**
   * Insert a message, doing nothing when its msgid is stored already. Parameters: msgid, sender,
   * topic, qos, retain (1/0), payload, arrived.
   */
  SqlStatement insertMessage();

  /**
   * Upsert the retained message of a topic unless the stored one arrived later. Parameters: topic,
   * msgid, sender, qos, payload, arrived.
   */
  SqlStatement upsertRetained();

  /**
   * Record an ack: move the (clientid, topic) cursor to the message's row id, never backwards, or
   * park it in mqtt_ack_pending when the message is not stored yet (a dialect may always park it:
   * pending acks are resolved at the end of every batch that acks or stores, and before every fetch
   * reads a cursor). Parameters: msgid, clientid, topic, created. Its tables must not include
   * mqtt_msg, so acks may be reordered past publishes within a batch.
   */
  SqlStatement ack();

  /**
   * Statements, run in order, that turn pending acks whose message has arrived into cursor moves
   * (never backwards) and drop only the pending acks the cursors now cover. No parameters.
   */
  List<String> resolvePendingAcks();

  /**
   * Start a cursor at the newest stored message of the topic (0 when none), keeping an existing
   * one. Parameters: clientid, topic, topic, created.
   */
  String startCursor();

  /** Creates the tables and indexes that are missing, serialised against tasks doing the same. */
  void createSchema(Connection connection) throws SQLException;
}
