package io.mqttpersistence.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongFunction;

/**
 * What one SQL database says differently, as data: upsert syntax, DDL and which errors are worth a
 * retry. The flow of every built-in function lives in {@link JdbcFunctions} and {@link
 * JdbcQueries}; each statement here takes exactly the parameters listed below, in that order, so a
 * dialect can never change the flow. A new database is a value of this record, not a class.
 *
 * @param displayName the database's name, for messages ("PostgreSQL", "MySQL")
 * @param errors transient SQLSTATEs and vendor codes beyond the standard classes
 * @param timestamps an event time (epoch ms) as a bind value for a timestamp column: UTC wall-clock
 *     time, with milliseconds
 * @param clientConnected on_client_connected: upsert the client online unless the stored row
 *     records a newer connection or a later disconnect. Parameters: clientid, node, online_at,
 *     created.
 * @param clientDisconnected on_client_disconnected: upsert the client offline unless the stored row
 *     records a newer connection than the one that ended. Parameters: clientid, node, online_at
 *     (the ended connection's start, may be null), offline_at, created.
 * @param insertMessage insert a message, doing nothing when its msgid is stored already.
 *     Parameters: msgid, sender, topic, qos, retain (1/0), payload, arrived.
 * @param upsertRetained upsert the retained message of a topic unless the stored one arrived later.
 *     Parameters: topic, msgid, sender, qos, payload, arrived.
 * @param ack record an ack: move the (clientid, topic) cursor to the message's row id, never
 *     backwards, or park it in mqtt_ack_pending when the message is not stored yet (a dialect may
 *     always park it: a batch resolves the pending acks of the messages it acks or stores at its
 *     end, and a fetch those of its cursor before reading it). Parameters: msgid, clientid, topic,
 *     created. Its tables must not include mqtt_msg, so acks may be reordered past publishes within
 *     a batch.
 * @param resolvePendingAcks statements, run in order, that turn pending acks whose message has
 *     arrived into cursor moves (never backwards) and drop only the pending acks the cursors now
 *     cover. Each holds {@link #PENDING_ROWS} once, where the core puts the condition that names
 *     the pending rows to look at (alias {@code p}: by msgid or by cursor) with its parameters; so
 *     each must reach those rows, and their messages, by index.
 * @param startCursor start a cursor at the newest stored message of the topic (0 when none),
 *     keeping an existing one. Parameters: clientid, topic, topic, created.
 * @param schema creates the tables and indexes that are missing, serialised against tasks doing the
 *     same
 */
public record SqlDialect(
    String displayName,
    SqlErrors errors,
    LongFunction<Object> timestamps,
    SqlStatement clientConnected,
    SqlStatement clientDisconnected,
    SqlStatement insertMessage,
    SqlStatement upsertRetained,
    SqlStatement ack,
    List<String> resolvePendingAcks,
    String startCursor,
    SchemaCreator schema) {

  /** Creates what is missing of the schema on one connection. */
  @FunctionalInterface
  public interface SchemaCreator {
    void create(Connection connection) throws SQLException;
  }

  /** Where a pending-ack statement takes the condition on the pending rows {@code p}. */
  public static final String PENDING_ROWS = "{pending rows}";

  public SqlDialect {
    resolvePendingAcks = List.copyOf(resolvePendingAcks);
  }

  /**
   * Bound as a timestamp: UTC wall-clock time, the way {@link JdbcBinder#utc} makes it by default.
   */
  public Object timestamp(long epochMs) {
    return timestamps.apply(epochMs);
  }

  public void createSchema(Connection connection) throws SQLException {
    schema.create(connection);
  }
}
