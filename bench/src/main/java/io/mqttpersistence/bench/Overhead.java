package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connector overhead: the task's own pipeline for each record (decode, hook match, plan, group,
 * bind) into a store that performs no I/O, in batches as Connect hands them over. Measured as this
 * thread's CPU time, after three warm-up passes, as the best of three passes.
 */
final class Overhead {
  private Overhead() {}

  /** CPU microseconds per event. */
  static double microsPerEvent(
      Target target, Map<String, String> props, List<Workload.Event> events) throws Exception {
    return measure(target.definition(), props, target.storeWithoutIo(), events);
  }

  @SuppressWarnings("unchecked")
  private static <A, C extends EventSinkConfig> double measure(
      SinkDefinition<A, C> definition,
      Map<String, String> props,
      EventStore<?> store,
      List<Workload.Event> events)
      throws Exception {
    C config = definition.parseConfig(props);
    HookTable<A> hooks =
        HookTable.compile(
            HookParser.parse(props).hooks(), spec -> definition.compile(spec, config));
    EventDecoder decoder = new EventDecoder(config.eventFormat(), config.topicHookpoints());
    EventStore<A> typed = (EventStore<A>) store;
    for (int i = 0; i < 3; i++) {
      run(decoder, hooks, typed, events); // warm-up: JIT, class loading
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // the least disturbed of three passes: the machine is shared
      long cpu = threads.getCurrentThreadCpuTime();
      run(decoder, hooks, typed, events);
      best = Math.min(best, (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / events.size());
    }
    return best;
  }

  private static <A> void run(
      EventDecoder decoder, HookTable<A> hooks, EventStore<A> store, List<Workload.Event> events)
      throws Exception {
    List<RoutedEvent<A>> batch = new ArrayList<>(Bench.BATCH);
    for (Workload.Event e : events) {
      BrokerEvent event = (BrokerEvent) decoder.decode(e.json(), "emqx_events", null);
      batch.add(new RoutedEvent<>(event, hooks.match(event)));
      if (batch.size() == Bench.BATCH) {
        store.write(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.write(batch);
    }
  }
}
