package io.mqttpersistence.connect.common.hook;

import io.mqttpersistence.connect.common.event.Hookpoint;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code hook.<hookpoint>.<N>} entry.
 *
 * @param configKey the config key it came from, for error messages
 * @param order the {@code N} suffix; hooks of one hookpoint run in ascending order
 * @param topicFilter the optional {@code topic} filter
 * @param options every other key of the hook JSON ({@code expired_time}, {@code payload_format},
 *     ...), for connectors that read them
 */
public record HookSpec(
    String configKey,
    Hookpoint hookpoint,
    String order,
    Optional<TopicFilter> topicFilter,
    ActionSpec action,
    OfflineOptions offlineOptions,
    Map<String, Object> options) {

  public HookSpec {
    options = Map.copyOf(options);
  }

  /**
   * Whether this hook applies to an event on {@code topic}; hooks without a topic filter always
   * apply.
   */
  public boolean appliesTo(String topic) {
    return topicFilter.isEmpty() || !hookpoint.hasTopic() || topicFilter.get().matches(topic);
  }

  public Optional<String> functionName() {
    return action instanceof ActionSpec.Function f ? Optional.of(f.name()) : Optional.empty();
  }
}
