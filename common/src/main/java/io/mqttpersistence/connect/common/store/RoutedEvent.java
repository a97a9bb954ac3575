package io.mqttpersistence.connect.common.store;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.HookTable;
import java.util.List;

/** An event with the compiled actions its hooks matched, in run order. */
public record RoutedEvent<A>(BrokerEvent event, List<HookTable.Entry<A>> actions) {
  public RoutedEvent {
    actions = List.copyOf(actions);
  }
}
