package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.store.LookupReply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns acks parked in mqtt_ack_pending into cursor moves once their message is stored, always for
 * a named set of pending rows: the msgids of a batch, or one client's cursor. A resolution never
 * joins the whole pending table against mqtt_msg, so its cost follows the batch, not the tables.
 *
 * <p>The dialect's statements each hold {@link SqlDialect#PENDING_ROWS} where the condition on the
 * pending rows (alias {@code p}) goes.
 */
final class PendingAcks {
  /**
   * IN lists are padded to one of these lengths (repeating the last msgid), so a database sees a
   * handful of statement texts and can keep their plans.
   */
  private static final int[] LIST_SIZES = {1, 8, 64, 512};

  private static final Set<String> TABLES = Set.of("mqtt_msg", "mqtt_acked", "mqtt_ack_pending");

  private final List<String> statements;

  PendingAcks(List<String> statements) {
    for (String s : statements) {
      if (!s.contains(SqlDialect.PENDING_ROWS)) {
        throw new IllegalArgumentException(
            "a pending-ack statement has no " + SqlDialect.PENDING_ROWS + ": " + s);
      }
    }
    this.statements = List.copyOf(statements);
  }

  /** The pending acks of these messages, as one step per batch. */
  SqlOp.Query ofMessages(Collection<String> msgids) {
    return new Resolve(List.copyOf(msgids), null, null);
  }

  /** The pending acks of one cursor, before a fetch reads it. */
  SqlOp.Query ofCursor(String clientid, String topic) {
    return new Resolve(null, clientid, topic);
  }

  /**
   * Every pending ack: once when a task starts, for acks a stopped task parked and had no time to
   * look at again (see {@link JdbcEventStore}). Its cost is that of the pending table, once.
   */
  SqlOp.Query all() {
    return new Resolve(null, null, null);
  }

  private final class Resolve implements SqlOp.Query {
    private final List<String> msgids;
    private final String clientid;
    private final String topic;

    Resolve(List<String> msgids, String clientid, String topic) {
      this.msgids = msgids;
      this.clientid = clientid;
      this.topic = topic;
    }

    @Override
    public Optional<LookupReply> run(Connection c) throws SQLException {
      if (msgids == null) {
        boolean ofCursor = clientid != null;
        List<Object> params = ofCursor ? List.of(clientid, topic) : List.of();
        runAll(c, ofCursor ? BY_CURSOR : "1 = 1", params);
        return Optional.empty();
      }
      for (int from = 0; from < msgids.size(); ) {
        int size = listSize(msgids.size() - from);
        int to = Math.min(from + size, msgids.size());
        List<Object> chunk = new ArrayList<>(size);
        chunk.addAll(msgids.subList(from, to));
        while (chunk.size() < size) {
          chunk.add(chunk.get(chunk.size() - 1));
        }
        runAll(c, byMessages(size), chunk);
        from = to;
      }
      return Optional.empty();
    }

    private void runAll(Connection c, String condition, List<Object> params) throws SQLException {
      for (String sql : statementsFor(condition)) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          JdbcBinder.bind(ps, params.toArray());
          ps.executeUpdate();
        }
      }
    }

    @Override
    public Set<String> resources() {
      return TABLES;
    }

    @Override
    public String toString() {
      if (msgids != null) {
        return "resolve the pending acks of " + msgids.size() + " messages";
      }
      return clientid != null ? "resolve the pending acks of one cursor" : "resolve pending acks";
    }
  }

  static final String BY_CURSOR = "p.clientid = ? AND p.topic = ?";

  static String byMessages(int n) {
    return "p.msgid IN (" + "?, ".repeat(n - 1) + "?)";
  }

  /** The dialect's statements for the pending rows {@code condition} names. */
  List<String> statementsFor(String condition) {
    return statements.stream().map(s -> s.replace(SqlDialect.PENDING_ROWS, condition)).toList();
  }

  /** The smallest padded length that holds {@code n}, or the largest when none does. */
  static int listSize(int n) {
    for (int size : LIST_SIZES) {
      if (n <= size) {
        return size;
      }
    }
    return LIST_SIZES[LIST_SIZES.length - 1];
  }
}
