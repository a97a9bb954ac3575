package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store of every SQL connector: plans the actions' ops and runs them as one transaction.
 *
 * <p>A batch resolves the pending acks of the messages it stored or acked, but a task parking an
 * ack and another storing its message at the same time can each miss the other's uncommitted row.
 * So a task looks at the acks it parked once more, when it is next idle or busy again at least
 * {@link #SETTLE_DELAY_NANOS} later: by then the other's commit is visible. A task that stops
 * before that leaves them to the next start, which resolves every pending ack once. Cursors thus
 * converge within about a second, without a lock across tasks, and no resolution reads more than
 * the rows of its own messages.
 */
public final class JdbcEventStore implements EventStore<SqlAction> {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
  static final long SETTLE_DELAY_NANOS = 1_000_000_000L;

  private final JdbcExecutor executor;
  private final PendingAcks pendingAcks;
  private final AutoCloseable pool;

  /** The acks of recent batches, oldest first, to look at again once they are old enough. */
  private final ArrayDeque<Acked> toSettleAgain = new ArrayDeque<>();

  private boolean settleAllDue = true;

  private record Acked(long at, Set<String> msgids) {}

  public JdbcEventStore(JdbcExecutor executor, SqlDialect dialect, AutoCloseable pool) {
    this.executor = executor;
    this.pendingAcks = new PendingAcks(dialect.resolvePendingAcks());
    this.pool = pool;
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<SqlAction>> events) throws StoreException {
    SqlPlan plan = new SqlPlan(pendingAcks);
    RoutedEvents.planEach(events, (event, action) -> action.plan(event, plan));
    List<LookupReply> replies = plan.isEmpty() ? List.of() : executor.execute(plan.ops());
    if (!plan.ackedMessages().isEmpty()) {
      toSettleAgain.add(new Acked(System.nanoTime(), plan.ackedMessages()));
    }
    settleIfDue();
    return replies;
  }

  @Override
  public void idle() {
    settleIfDue();
  }

  /** Its own transaction; a failure leaves it due and never touches the records of a batch. */
  private void settleIfDue() {
    try {
      if (settleAllDue) {
        executor.execute(List.of(pendingAcks.all()));
        settleAllDue = false;
      }
      long now = System.nanoTime();
      Set<String> due = new LinkedHashSet<>();
      for (Acked a : toSettleAgain) {
        if (now - a.at() < SETTLE_DELAY_NANOS) {
          break;
        }
        due.addAll(a.msgids());
      }
      if (!due.isEmpty()) {
        executor.execute(List.of(pendingAcks.ofMessages(due)));
        while (!toSettleAgain.isEmpty() && now - toSettleAgain.peek().at() >= SETTLE_DELAY_NANOS) {
          toSettleAgain.poll();
        }
      }
    } catch (StoreException e) {
      LOG.warn("resolving pending acks failed, will try again: {}", e.getMessage());
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
