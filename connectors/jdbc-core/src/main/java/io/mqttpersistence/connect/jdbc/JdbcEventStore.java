package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.List;

/** The event store of every SQL connector: plans the actions' ops and runs them as one transaction. */
public final class JdbcEventStore implements EventStore<SqlAction> {
  private final JdbcExecutor executor;
  private final AutoCloseable pool;

  public JdbcEventStore(JdbcExecutor executor, AutoCloseable pool) {
    this.executor = executor;
    this.pool = pool;
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<SqlAction>> events) throws StoreException {
    SqlPlan plan = new SqlPlan();
    for (RoutedEvent<SqlAction> routed : events) {
      for (HookTable.Entry<SqlAction> entry : routed.actions()) {
        try {
          entry.action().plan(routed.event(), plan);
        } catch (MalformedEventException | ArithmeticException e) {
          throw new StoreException(entry.spec().configKey() + ": " + e.getMessage(), e, false);
        }
      }
    }
    return plan.isEmpty() ? List.of() : executor.execute(plan.ops());
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
