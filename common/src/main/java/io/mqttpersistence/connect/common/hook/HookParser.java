package io.mqttpersistence.connect.common.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.Hookpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code hook.<hookpoint>.<N>} entries written in EMQX's grammar, e.g. {@code
 * hook.message.publish.1 = {"topic": "#", "action": {"function": "on_message_publish"}, "pool":
 * "pool1"}}.
 *
 * <p>Errors are collected per key rather than thrown at the first, so that one validate call
 * reports them all.
 */
public final class HookParser {
  public static final String PREFIX = "hook.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STATEMENT_KINDS = Set.of("sql", "cql", "commands", "mongo");

  /** Statement kinds whose statements are JSON objects (document templates), kept as JSON text. */
  private static final Set<String> OBJECT_KINDS = Set.of("mongo");

  private static final Set<String> KNOWN_KEYS = Set.of("action", "topic", "pool", "offline_opts");

  private HookParser() {}

  /** The parsed hooks, sorted by hookpoint and then numeric order, plus every error found. */
  public record Result(List<HookSpec> hooks, List<HookConfigException> errors) {}

  public static boolean isHookKey(String key) {
    return key.startsWith(PREFIX);
  }

  public static Result parse(Map<String, String> props) {
    List<HookSpec> hooks = new ArrayList<>();
    List<HookConfigException> errors = new ArrayList<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (!isHookKey(e.getKey())) {
        continue;
      }
      try {
        hooks.add(parseOne(e.getKey(), e.getValue()));
      } catch (HookConfigException ex) {
        errors.add(ex);
      }
    }
    hooks.sort(
        Comparator.comparing(HookSpec::hookpoint)
            .thenComparing(h -> h.order(), HookParser::compareOrder));
    return new Result(List.copyOf(hooks), List.copyOf(errors));
  }

  static HookSpec parseOne(String key, String value) {
    String rest = key.substring(PREFIX.length());
    int lastDot = rest.lastIndexOf('.');
    if (lastDot <= 0 || lastDot == rest.length() - 1) {
      throw new HookConfigException(
          key, "expected hook.<hookpoint>.<N>, e.g. hook.message.publish.1");
    }
    String hookName = rest.substring(0, lastDot);
    String order = rest.substring(lastDot + 1);
    Hookpoint hookpoint =
        Hookpoint.parse(hookName)
            .filter(h -> h.key().equals(hookName))
            .orElseThrow(
                () ->
                    new HookConfigException(
                        key,
                        "unknown hookpoint '"
                            + hookName
                            + "'; expected one of "
                            + java.util.Arrays.stream(Hookpoint.values())
                                .map(Hookpoint::key)
                                .toList()));
    JsonNode root;
    try {
      root = JSON.readTree(value == null ? "" : value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new HookConfigException(
          key, "hook value is not valid JSON: " + ex.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new HookConfigException(key, "hook value must be a JSON object with an \"action\"");
    }
    ActionSpec action = parseAction(key, root.get("action"));
    Optional<TopicFilter> filter = Optional.empty();
    JsonNode topic = root.get("topic");
    if (topic != null && !topic.isNull()) {
      if (!topic.isTextual()) {
        throw new HookConfigException(key, "\"topic\" must be a string topic filter");
      }
      try {
        filter = Optional.of(TopicFilter.parse(topic.asText()));
      } catch (IllegalArgumentException ex) {
        throw new HookConfigException(key, ex.getMessage());
      }
    }
    OfflineOptions offline = parseOffline(key, root.get("offline_opts"));
    Map<String, Object> options = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (!KNOWN_KEYS.contains(f.getKey())) {
        options.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
      }
    }
    options.values().removeIf(java.util.Objects::isNull);
    return new HookSpec(key, hookpoint, order, filter, action, offline, options);
  }

  private static ActionSpec parseAction(String key, JsonNode action) {
    if (action == null || !action.isObject()) {
      throw new HookConfigException(
          key, "\"action\" must be an object: {\"function\": ...} or {\"sql\": [...]}");
    }
    JsonNode function = action.get("function");
    if (function != null) {
      if (!function.isTextual() || function.asText().isBlank()) {
        throw new HookConfigException(key, "\"action.function\" must name a built-in function");
      }
      return new ActionSpec.Function(function.asText().trim());
    }
    for (String kind : STATEMENT_KINDS) {
      JsonNode statements = action.get(kind);
      if (statements == null) {
        continue;
      }
      List<String> list = new ArrayList<>();
      if (OBJECT_KINDS.contains(kind)) {
        JsonNode items =
            statements.isObject() ? JSON.createArrayNode().add(statements) : statements;
        if (!items.isArray() || items.isEmpty()) {
          throw new HookConfigException(
              key, "\"action." + kind + "\" must be a list of template objects");
        }
        for (JsonNode item : items) {
          if (!item.isObject()) {
            throw new HookConfigException(key, "\"action." + kind + "\" must hold objects");
          }
          list.add(item.toString());
        }
        return new ActionSpec.Statements(kind, list);
      }
      if (statements.isTextual()) {
        list.add(
            statements.asText()); // EMQX's shipped pgsql conf writes a single statement as a string
      } else if (statements.isArray()) {
        for (JsonNode s : statements) {
          if (!s.isTextual()) {
            throw new HookConfigException(key, "\"action." + kind + "\" must hold strings");
          }
          list.add(s.asText());
        }
      } else {
        throw new HookConfigException(
            key, "\"action." + kind + "\" must be a string or a list of strings");
      }
      if (list.isEmpty() || list.stream().anyMatch(String::isBlank)) {
        throw new HookConfigException(key, "\"action." + kind + "\" must not be empty");
      }
      return new ActionSpec.Statements(kind, list);
    }
    throw new HookConfigException(
        key, "\"action\" needs \"function\" or one of " + STATEMENT_KINDS);
  }

  private static OfflineOptions parseOffline(String key, JsonNode opts) {
    if (opts == null || opts.isNull()) {
      return OfflineOptions.NONE;
    }
    if (!opts.isObject()) {
      throw new HookConfigException(key, "\"offline_opts\" must be an object");
    }
    OptionalInt max = OptionalInt.empty();
    JsonNode count = opts.get("max_returned_count");
    if (count != null && !count.isNull()) {
      if (!count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() <= 0) {
        if (!(count.isTextual() && count.asText().equals("infinity"))) {
          throw new HookConfigException(
              key, "\"offline_opts.max_returned_count\" must be a positive integer");
        }
      } else {
        max = OptionalInt.of(count.asInt());
      }
    }
    Optional<Duration> range = Optional.empty();
    JsonNode tr = opts.get("time_range");
    if (tr != null && !tr.isNull()) {
      try {
        range = OfflineOptions.parseDuration(tr.asText());
      } catch (IllegalArgumentException ex) {
        throw new HookConfigException(key, "\"offline_opts\": " + ex.getMessage());
      }
    }
    return new OfflineOptions(max, range);
  }

  private static int compareOrder(String a, String b) {
    boolean na = a.chars().allMatch(Character::isDigit);
    boolean nb = b.chars().allMatch(Character::isDigit);
    if (na && nb) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    return na ? -1 : nb ? 1 : a.compareTo(b);
  }
}
