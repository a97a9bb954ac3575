package io.mqttpersistence.connect.common.store;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.hook.HookTable;
import java.util.List;

/**
 * How every store turns a batch into its own work: each matched action, in event and hook order.
 */
public final class RoutedEvents {
  private RoutedEvents() {}

  /** Plans one action for one event. */
  @FunctionalInterface
  public interface Planner<A> {
    void plan(BrokerEvent event, A action);
  }

  /**
   * Runs the planner for each matched action of each event, in event and hook order.
   *
   * @throws StoreException (a data error naming the hook's key) when an event lacks what an action
   *     needs
   */
  public static <A> void planEach(List<RoutedEvent<A>> events, Planner<A> planner)
      throws StoreException {
    for (RoutedEvent<A> routed : events) {
      for (HookTable.Entry<A> entry : routed.actions()) {
        try {
          planner.plan(routed.event(), entry.action());
        } catch (MalformedEventException | ArithmeticException e) {
          throw new StoreException(entry.spec().configKey() + ": " + e.getMessage(), e, false);
        }
      }
    }
  }
}
