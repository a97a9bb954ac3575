package io.mqttpersistence.connect.common.connect;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders a ConfigDef as the Markdown table the README carries, grouped as the ConfigDef groups
 * keys.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  public static String markdown(ConfigDef def) {
    return markdown(def, def.groups());
  }

  /**
   * Only the keys of the given groups, e.g. a connector's connection keys without the shared ones.
   */
  public static String markdown(ConfigDef def, List<String> only) {
    StringBuilder out = new StringBuilder();
    List<String> groups = def.groups();
    List<ConfigDef.ConfigKey> keys =
        def.configKeys().values().stream()
            .filter(k -> only.contains(k.group))
            .sorted(
                java.util.Comparator.<ConfigDef.ConfigKey>comparingInt(k -> groups.indexOf(k.group))
                    .thenComparingInt(k -> k.orderInGroup))
            .toList();
    String group = null;
    for (ConfigDef.ConfigKey k : keys) {
      if (!java.util.Objects.equals(group, k.group)) {
        group = k.group;
        out.append(out.length() == 0 ? "" : "\n")
            .append("**")
            .append(group)
            .append("**\n\n")
            .append("| Key | Type | Default | Valid values | Description |\n")
            .append("|---|---|---|---|---|\n");
      }
      out.append("| `")
          .append(k.name)
          .append("` | ")
          .append(k.type.name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ")
          .append(defaultOf(k))
          .append(" | ")
          .append(k.validator == null ? "" : escape(k.validator.toString()))
          .append(" | ")
          .append(escape(k.documentation))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String defaultOf(ConfigDef.ConfigKey k) {
    if (!k.hasDefault()) {
      return "required";
    }
    if (k.defaultValue == null) {
      return "";
    }
    String v =
        k.type == ConfigDef.Type.LIST
            ? ((List<?>) k.defaultValue)
                .stream().map(Object::toString).collect(Collectors.joining(","))
            : k.type == ConfigDef.Type.PASSWORD ? "[hidden]" : String.valueOf(k.defaultValue);
    return v.isEmpty() ? "\"\"" : "`" + v + "`";
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
