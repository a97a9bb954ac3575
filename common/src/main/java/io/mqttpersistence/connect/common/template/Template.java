package io.mqttpersistence.connect.common.template;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw statement compiled once: its text with every {@code ${name}} replaced by a bind marker, and
 * the placeholders in the order they are bound. Event fields never become statement text.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private final String source;
  private final String text;
  private final List<Placeholder> parameters;

  /** The text around the placeholders: one more than there are parameters. */
  private final List<String> literals;

  private Template(
      String source, String text, List<Placeholder> parameters, List<String> literals) {
    this.source = source;
    this.text = text;
    this.parameters = List.copyOf(parameters);
    this.literals = List.copyOf(literals);
  }

  /**
   * Compiles a statement: placeholders become bind markers, in order.
   *
   * @param bindMarker what replaces each placeholder, e.g. {@code ?} for JDBC
   * @throws IllegalArgumentException for an unknown or quoted placeholder
   */
  public static Template compile(String source, String bindMarker, Placeholders placeholders) {
    return compile(source, bindMarker, placeholders, true);
  }

  /**
   * Compiles text whose placeholders are only ever rendered ({@link #render}), never bound: quotes
   * around one mean nothing there.
   *
   * @throws IllegalArgumentException for an unknown placeholder
   */
  public static Template text(String source, Placeholders placeholders) {
    return compile(source, "", placeholders, false);
  }

  private static Template compile(
      String source, String bindMarker, Placeholders placeholders, boolean bound) {
    Matcher m = PLACEHOLDER.matcher(source);
    StringBuilder text = new StringBuilder();
    List<Placeholder> params = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    int literalStart = 0;
    while (m.find()) {
      String name = m.group(1).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty placeholder ${} in '" + source + "'");
      }
      if (bound && isQuoted(source, m.start(), m.end())) {
        throw new IllegalArgumentException(
            "placeholder ${"
                + name
                + "} is bound as a parameter;"
                + " remove the quotes around it in '"
                + source
                + "'");
      }
      params.add(placeholders.resolve(name));
      literals.add(source.substring(literalStart, m.start()));
      literalStart = m.end();
      m.appendReplacement(text, Matcher.quoteReplacement(bindMarker));
    }
    m.appendTail(text);
    literals.add(source.substring(literalStart));
    return new Template(source, text.toString(), params, literals);
  }

  private static boolean isQuoted(String s, int start, int end) {
    return start > 0
        && end < s.length()
        && ((s.charAt(start - 1) == '\'' && s.charAt(end) == '\'')
            || (s.charAt(start - 1) == '"' && s.charAt(end) == '"'));
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

  /**
   * The source with each placeholder replaced by its value as text (absent values as nothing), for
   * stores whose commands are argument lists: the caller splits arguments before rendering each
   * one, so a value can never become more than one argument.
   */
  public String render(BrokerEvent event) {
    if (parameters.isEmpty()) {
      return literals.get(0);
    }
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < parameters.size(); i++) {
      Object v = parameters.get(i).valueOf(event);
      if (v != null) {
        out.append(v);
      }
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
