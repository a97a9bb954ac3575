package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store of every SQL connector: plans the actions' ops and runs them as one transaction.
 *
 * <p>Pending acks are resolved at the end of each batch that acks or stores messages, but a task
 * parking an ack and another storing its message at the same time can each miss the other's
 * uncommitted row. So a task resolves once more when it is next idle or busy again, at least {@link
 * #SETTLE_DELAY_NANOS} after such a batch: by then the other's commit is visible, or the other
 * task, whose commit came later, does the same. Cursors thus converge within about a second,
 * without a lock across tasks.
 */
public final class JdbcEventStore implements EventStore<SqlAction> {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
  static final long SETTLE_DELAY_NANOS = 1_000_000_000L;

  private final JdbcExecutor executor;
  private final SqlOp settleAcks;
  private final AutoCloseable pool;

  /** When to resolve pending acks again; 0 when no batch since the last time needs it. */
  private long settleAgainAt;

  public JdbcEventStore(JdbcExecutor executor, SqlOp settleAcks, AutoCloseable pool) {
    this.executor = executor;
    this.settleAcks = settleAcks;
    this.pool = pool;
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<SqlAction>> events) throws StoreException {
    SqlPlan plan = new SqlPlan();
    RoutedEvents.planEach(events, (event, action) -> action.plan(event, plan));
    if (plan.isEmpty()) {
      return List.of();
    }
    List<SqlOp> ops = plan.ops();
    List<LookupReply> replies = executor.execute(ops);
    if (ops.contains(settleAcks)) {
      settleAgainAt = Math.max(1, System.nanoTime() + SETTLE_DELAY_NANOS);
    } else {
      settleIfDue();
    }
    return replies;
  }

  @Override
  public void idle() {
    settleIfDue();
  }

  /** Its own transaction; a failure leaves it due and never touches the records of a batch. */
  private void settleIfDue() {
    if (settleAgainAt != 0 && System.nanoTime() - settleAgainAt >= 0) {
      try {
        executor.execute(List.of(settleAcks));
        settleAgainAt = 0;
      } catch (StoreException e) {
        LOG.warn("resolving pending acks failed, will try again: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    try {
      pool.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the connection pool", e);
    }
  }
}
