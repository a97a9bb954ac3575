package io.mqttpersistence.connect.common.template;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw statement compiled once: its text with every {@code ${name}} replaced by a bind marker, and the
 * placeholders in the order they are bound. Event fields never become statement text.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private final String source;
  private final String text;
  private final List<Placeholder> parameters;

  private Template(String source, String text, List<Placeholder> parameters) {
    this.source = source;
    this.text = text;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * @param bindMarker what replaces each placeholder, e.g. {@code ?} for JDBC
   * @throws IllegalArgumentException for an unknown or quoted placeholder
   */
  public static Template compile(String source, String bindMarker, Placeholders placeholders) {
    Matcher m = PLACEHOLDER.matcher(source);
    StringBuilder text = new StringBuilder();
    List<Placeholder> params = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty placeholder ${} in '" + source + "'");
      }
      if (isQuoted(source, m.start(), m.end())) {
        throw new IllegalArgumentException("placeholder ${" + name + "} is bound as a parameter;"
            + " remove the quotes around it in '" + source + "'");
      }
      params.add(placeholders.resolve(name));
      m.appendReplacement(text, Matcher.quoteReplacement(bindMarker));
    }
    m.appendTail(text);
    return new Template(source, text.toString(), params);
  }

  private static boolean isQuoted(String s, int start, int end) {
    return start > 0 && end < s.length()
        && (s.charAt(start - 1) == '\'' && s.charAt(end) == '\''
            || s.charAt(start - 1) == '"' && s.charAt(end) == '"');
  }

  public String text() {
    return text;
  }

  public String source() {
    return source;
  }

  public List<Placeholder> parameters() {
    return parameters;
  }

  /** The values to bind for this event, in parameter order. */
  public Object[] bind(BrokerEvent event) {
    Object[] values = new Object[parameters.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).valueOf(event);
    }
    return values;
  }

  @Override
  public String toString() {
    return source;
  }
}
