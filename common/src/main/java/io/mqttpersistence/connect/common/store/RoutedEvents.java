package io.mqttpersistence.connect.common.store;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.hook.HookTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** Plans one action for the event at {@code index} of the batch. */
  @FunctionalInterface
  public interface IndexedPlanner<A> {
    void plan(int index, BrokerEvent event, A action);
  }

  /**
   * Runs the planner for each matched action of each event, in event and hook order, going on past
   * events that lack what an action needs.
   *
   * @return the events that could not be planned, by place in the batch, with a reason naming the
   *     hook's key; a store reports them with {@link StoreException#StoreException(String, Map,
   *     List)}
   */
  public static <A> Map<Integer, String> planEachIndexed(
      List<RoutedEvent<A>> events, IndexedPlanner<A> planner) {
    Map<Integer, String> bad = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      RoutedEvent<A> routed = events.get(i);
      for (HookTable.Entry<A> entry : routed.actions()) {
        try {
          planner.plan(i, routed.event(), entry.action());
        } catch (MalformedEventException | ArithmeticException e) {
          bad.putIfAbsent(i, entry.spec().configKey() + ": " + e.getMessage());
        }
      }
    }
    return bad;
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
