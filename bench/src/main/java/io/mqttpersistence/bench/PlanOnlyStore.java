package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.batch.OpList;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import java.util.List;
import java.util.function.Supplier;

/**
 * A connector's store without I/O: each batch is planned (every op and its values built) and the
 * ops are dropped, which measures everything the connector does per event but the round trips.
 */
public final class PlanOnlyStore {
  private PlanOnlyStore() {}

  /** How one action adds its ops for one event to a plan. */
  public interface Planner<A, P> {
    void plan(A action, BrokerEvent event, P plan);
  }

  public static <A, P extends OpList<?>> EventStore<A> of(
      Supplier<P> newPlan, Planner<A, P> planner) {
    return new EventStore<>() {
      private long ops;

      @Override
      public List<LookupReply> write(List<RoutedEvent<A>> events) {
        P plan = newPlan.get();
        RoutedEvents.planEachIndexed(
            events,
            (index, event, action) -> {
              plan.startEvent(index);
              planner.plan(action, event, plan);
            });
        ops += plan.ops().size();
        return List.of();
      }

      @Override
      public void close() {
        if (ops < 0) {
          throw new IllegalStateException("unreachable; keeps the work from being optimised away");
        }
      }
    };
  }
}
