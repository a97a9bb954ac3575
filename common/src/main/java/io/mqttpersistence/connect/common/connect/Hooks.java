package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses and compiles the hook keys of a connector config, collecting every mistake with its key.
 */
final class Hooks {
  private Hooks() {}

  record Compiled<A>(HookTable<A> table, List<HookConfigException> errors) {}

  static <A, C extends EventSinkConfig> Compiled<A> compile(
      Map<String, String> props, C config, SinkDefinition<A, C> definition) {
    HookParser.Result parsed = HookParser.parse(props);
    List<HookConfigException> errors = new ArrayList<>(parsed.errors());
    List<HookTable.Entry<A>> entries = new ArrayList<>();
    for (HookSpec spec : parsed.hooks()) {
      try {
        A action = definition.compile(spec, config);
        if (definition.isLookup(action)
            && (config.lookupReplyTopic() == null || config.lookupReplyTopic().isBlank())) {
          throw new HookConfigException(
              spec.configKey(),
              spec.functionName().orElse("this action")
                  + " answers on a Kafka topic: set "
                  + EventSinkConfig.LOOKUP_REPLY_TOPIC_CONFIG
                  + " and "
                  + EventSinkConfig.LOOKUP_REPLY_BOOTSTRAP_CONFIG);
        }
        entries.add(new HookTable.Entry<>(spec, action));
      } catch (HookConfigException e) {
        errors.add(e);
      }
    }
    if (parsed.hooks().isEmpty() && parsed.errors().isEmpty()) {
      errors.add(
          new HookConfigException(
              "hook", "no hook.<hookpoint>.<N> keys: the connector would do nothing"));
    }
    return new Compiled<>(HookTable.of(entries), List.copyOf(errors));
  }
}
