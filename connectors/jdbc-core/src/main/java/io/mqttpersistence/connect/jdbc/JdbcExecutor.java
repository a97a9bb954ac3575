package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.batch.OpPlanner;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs the ops of one batch in one transaction: planned into groups, each write group as one JDBC
 * batch (one round trip; multi-row when the driver rewrites inserts), each query on its own, in
 * plan order.
 */
public final class JdbcExecutor {
  private final DataSource dataSource;
  private final SqlErrors errors;

  public JdbcExecutor(DataSource dataSource, SqlErrors errors) {
    this.dataSource = dataSource;
    this.errors = errors;
  }

  /**
   * Deadlocks between tasks resolve by themselves: retry those at once, a few times, before
   * Connect's backoff.
   */
  private static final int DEADLOCK_ATTEMPTS = 3;

  public List<LookupReply> execute(List<SqlOp> ops) throws StoreException {
    List<List<SqlOp>> groups = OpPlanner.plan(ops);
    for (int attempt = 1; ; attempt++) {
      try {
        return executeInOneTransaction(groups);
      } catch (SQLException e) {
        if (attempt >= DEADLOCK_ATTEMPTS || !SqlErrors.isDeadlock(e)) {
          throw errors.classify("batch of " + ops.size() + " operations failed", e);
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) throws StoreException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying a deadlocked batch", e, true);
    }
  }

  private List<LookupReply> executeInOneTransaction(List<List<SqlOp>> groups) throws SQLException {
    List<LookupReply> replies = new ArrayList<>();
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      for (List<SqlOp> group : groups) {
        if (group.get(0) instanceof SqlOp.Query q) {
          q.run(c).ifPresent(replies::add);
        } else {
          executeBatch(c, group);
        }
      }
      c.commit();
      return replies;
    } catch (SQLException e) {
      rollback(c, e);
      throw e;
    } finally {
      close(c);
    }
  }

  private static void executeBatch(Connection c, List<SqlOp> group) throws SQLException {
    SqlOp.Write first = (SqlOp.Write) group.get(0);
    try (PreparedStatement ps = c.prepareStatement(first.statement().sql())) {
      if (group.size() == 1) {
        JdbcBinder.bind(ps, first.params());
        ps.executeUpdate();
        return;
      }
      for (SqlOp op : group) {
        JdbcBinder.bind(ps, ((SqlOp.Write) op).params());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void rollback(Connection c, SQLException cause) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // The pool discards a broken connection on its own.
      }
    }
  }
}
