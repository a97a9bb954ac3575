package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A hook's {@code sql} list: each statement compiled once, run per event with its placeholders
 * bound. A statement on mqtt_acked (EMQX's default unsubscribe hook deletes the cursor) first lets
 * the acks before it in the batch settle, so it acts on the cursor they left rather than have them
 * re-create it.
 */
public final class RawSqlAction implements SqlAction {
  private static final Set<String> ACK_TABLES = Set.of("mqtt_acked", "mqtt_ack_pending");

  private record Compiled(Template template, SqlStatement statement, boolean touchesAcks) {}

  private final List<Compiled> statements;

  private RawSqlAction(List<Compiled> statements) {
    this.statements = List.copyOf(statements);
  }

  /** Compiles a hook's statements, rejecting queries and unknown or quoted placeholders. */
  public static RawSqlAction compile(
      String configKey, List<String> sql, Placeholders placeholders) {
    List<Compiled> out = new ArrayList<>();
    for (String s : sql) {
      String head = s.trim().toLowerCase(Locale.ROOT);
      if (head.startsWith("select") || head.startsWith("show")) {
        throw new HookConfigException(
            configKey, "sql actions write; a query's rows would go nowhere: '" + s + "'");
      }
      try {
        Template t = Template.compile(s, "?", placeholders);
        SqlStatement statement = SqlStatement.parse(t.text());
        boolean touchesAcks =
            statement.tables().isEmpty()
                || statement.tables().stream().anyMatch(ACK_TABLES::contains);
        out.add(new Compiled(t, statement, touchesAcks));
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(configKey, e.getMessage());
      }
    }
    return new RawSqlAction(out);
  }

  @Override
  public void plan(BrokerEvent event, SqlPlan plan) {
    for (Compiled c : statements) {
      if (c.touchesAcks()) {
        plan.settleAcksNow();
      }
      plan.add(SqlOp.Write.of(c.statement(), c.template().bind(event)));
    }
  }
}
