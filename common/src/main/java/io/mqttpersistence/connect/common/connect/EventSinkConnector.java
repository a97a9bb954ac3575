package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.hook.HookConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The family's SinkConnector. Besides the ConfigDef checks, {@link #validate} reports every hook
 * mistake under the hook's own key and, when the config is otherwise clean, whether the database is
 * reachable.
 */
public abstract class EventSinkConnector<A, C extends EventSinkConfig> extends SinkConnector {
  private Map<String, String> props;

  protected abstract SinkDefinition<A, C> definition();

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    SinkDefinition<A, C> definition = definition();
    C config = definition.parseConfig(props);
    List<HookConfigException> errors = Hooks.compile(props, config, definition).errors();
    if (!errors.isEmpty()) {
      throw new ConfigException(
          errors.stream().map(HookConfigException::getMessage).collect(Collectors.joining("; ")));
    }
    this.props = Map.copyOf(props);
  }

  /**
   * The key that tells each task its number (the {@code task} tag of its metrics); Connect gives a
   * task no other way to know it.
   */
  public static final String TASK_ID = "task.id";

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> tasks = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new LinkedHashMap<>(props);
      task.put(TASK_ID, Integer.toString(i));
      tasks.add(task);
    }
    return tasks;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return definition().configDef();
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return validate(connectorConfigs, true);
  }

  /**
   * Every check {@link #validate} makes except reaching the database: for configs meant for another
   * network (a compose file's service names), checked where that network does not exist.
   */
  public Config validateWithoutConnecting(Map<String, String> connectorConfigs) {
    return validate(connectorConfigs, false);
  }

  private Config validate(Map<String, String> connectorConfigs, boolean connect) {
    Config base = super.validate(connectorConfigs);
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    base.configValues().forEach(v -> values.put(v.name(), v));
    if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return new Config(new ArrayList<>(values.values()));
    }
    SinkDefinition<A, C> definition = definition();
    C config;
    try {
      config = definition.parseConfig(connectorConfigs);
    } catch (ConfigException e) {
      addError(values, keyOf(e, values), e.getMessage());
      return new Config(new ArrayList<>(values.values()));
    }
    for (HookConfigException e : Hooks.compile(connectorConfigs, config, definition).errors()) {
      addError(values, e.key(), e.reason());
      if (e.reason().contains(EventSinkConfig.LOOKUP_REPLY_TOPIC_CONFIG)) {
        addError(values, EventSinkConfig.LOOKUP_REPLY_TOPIC_CONFIG, e.key() + ": " + e.reason());
      }
    }
    if (connect && values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
      Optional<Map.Entry<String, String>> unreachable = definition.checkConnection(config);
      unreachable.ifPresent(u -> addError(values, u.getKey(), u.getValue()));
    }
    return new Config(new ArrayList<>(values.values()));
  }

  /**
   * The key a config error names first (a message may mention other keys after it: "... needed when
   * event.format is avro"); of keys at the same place, the longest.
   */
  private static String keyOf(ConfigException e, Map<String, ConfigValue> values) {
    String message = e.getMessage();
    return values.keySet().stream()
        .filter(message::contains)
        .min(
            java.util.Comparator.<String>comparingInt(message::indexOf)
                .thenComparing(java.util.Comparator.comparingInt(String::length).reversed()))
        .orElse("hook");
  }

  private static void addError(Map<String, ConfigValue> values, String key, String message) {
    values.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
  }
}
