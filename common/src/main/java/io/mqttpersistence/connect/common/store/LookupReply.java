package io.mqttpersistence.connect.common.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a lookup found, addressed to one client: the record the connector writes to {@code
 * lookup.reply.topic} (key = clientid, value = this as JSON) so that the broker can act on it.
 *
 * @param action {@code subscribe} (stored subscriptions) or {@code deliver} (offline or retained
 *     messages)
 * @param function the built-in function that produced it
 * @param topic for {@code deliver}: the subscription that triggered the lookup; null for {@code
 *     subscribe}
 * @param items subscriptions ({@code topic}, {@code qos}) or messages, in delivery order
 */
public record LookupReply(
    String action,
    String clientid,
    String function,
    String topic,
    List<Map<String, Object>> items) {
  public static final String SUBSCRIBE = "subscribe";
  public static final String DELIVER = "deliver";

  public LookupReply {
    items = List.copyOf(items);
  }

  /** A lookup that found nothing writes no record. */
  public Optional<LookupReply> ifFound() {
    return items.isEmpty() ? Optional.empty() : Optional.of(this);
  }
}
