package io.mqttpersistence.connect.common.template;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import java.util.function.Function;

/** A {@code ${name}} resolved once at config time into a function of the event. */
public record Placeholder(String name, Function<BrokerEvent, Object> resolver) {
  public Object valueOf(BrokerEvent event) {
    return resolver.apply(event);
  }
}
