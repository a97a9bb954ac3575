package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.template.Template;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EMQX's raw {@code {"cql": [...]}} action: each statement prepared once, every {@code ${name}} a
 * bind marker typed by its column (a quoted placeholder is a config error: it would be a string
 * literal), and each write stamped with the event's time (µs) as its write time, so a replayed
 * event rewrites the same cells and an older one never overwrites a newer one. {@code ${payload}}
 * binds the payload's bytes: exact in a blob column, UTF-8 text in a text column.
 */
final class CqlTemplateAction implements CassandraAction {
  private static final Pattern TABLE =
      Pattern.compile(
          "(?i)\\b(?:into|update|from)\\s+(?:\"?[A-Za-z0-9_]+\"?\\s*\\.\\s*)?\"?([A-Za-z0-9_]+)\"?");

  private record Compiled(Template template, String table, List<Boolean> payloadMarkers) {}

  private final String configKey;
  private final List<Compiled> statements;

  private CqlTemplateAction(String configKey, List<Compiled> statements) {
    this.configKey = configKey;
    this.statements = List.copyOf(statements);
  }

  /**
   * Compiles a hook's statements.
   *
   * @throws HookConfigException naming the hook's key for a read, a quoted or unknown placeholder
   */
  static CqlTemplateAction compile(String key, List<String> sources, Placeholders placeholders) {
    List<Compiled> out = new ArrayList<>();
    for (String source : sources) {
      String head = source.stripLeading().toLowerCase(Locale.ROOT);
      if (head.startsWith("select")) {
        throw new HookConfigException(
            key,
            "cql actions write; reads are the built-in lookups (on_subscription_lookup,"
                + " on_message_fetch, on_retain_lookup): '"
                + source
                + "'");
      }
      Template t;
      try {
        t = Template.compile(source, "?", placeholders);
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(key, e.getMessage());
      }
      List<Boolean> payload = t.parameters().stream().map(p -> p.name().equals("payload")).toList();
      Matcher m = TABLE.matcher(source);
      String table = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
      out.add(new Compiled(t, table, payload));
    }
    return new CqlTemplateAction(key, out);
  }

  String configKey() {
    return configKey;
  }

  /** The statements' CQL with bind markers, to prepare when the task starts. */
  List<String> cql() {
    return statements.stream().map(c -> c.template().text()).toList();
  }

  @Override
  public void plan(BrokerEvent e, CassandraPlan plan) {
    long at = WriteTimes.eventMicros(e);
    for (Compiled c : statements) {
      Object[] values = c.template().bind(e);
      for (int i = 0; i < values.length; i++) {
        if (c.payloadMarkers().get(i)) {
          values[i] = e.payload();
        }
      }
      plan.add(
          new CassandraOp.Write(
              c.template().text(), Arrays.asList(values), at, c.table(), null, plan.event()));
    }
  }
}
