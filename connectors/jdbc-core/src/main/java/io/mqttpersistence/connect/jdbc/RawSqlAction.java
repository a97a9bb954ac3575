package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A hook's {@code sql} list: each statement compiled once, run per event with its placeholders bound. */
public final class RawSqlAction implements SqlAction {
  private record Compiled(Template template, SqlStatement statement) {}

  private final List<Compiled> statements;

  private RawSqlAction(List<Compiled> statements) {
    this.statements = List.copyOf(statements);
  }

  public static RawSqlAction compile(String configKey, List<String> sql, Placeholders placeholders) {
    List<Compiled> out = new ArrayList<>();
    for (String s : sql) {
      String head = s.trim().toLowerCase(Locale.ROOT);
      if (head.startsWith("select") || head.startsWith("show")) {
        throw new HookConfigException(configKey, "sql actions write; a query's rows would go nowhere: '" + s + "'");
      }
      try {
        Template t = Template.compile(s, "?", placeholders);
        out.add(new Compiled(t, SqlStatement.parse(t.text())));
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(configKey, e.getMessage());
      }
    }
    return new RawSqlAction(out);
  }

  @Override
  public void plan(BrokerEvent event, SqlPlan plan) {
    for (Compiled c : statements) {
      plan.add(SqlOp.Write.of(c.statement(), c.template().bind(event)));
    }
  }
}
