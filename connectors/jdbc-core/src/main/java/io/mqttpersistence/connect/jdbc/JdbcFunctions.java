package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * EMQX's built-in functions, the same flow on every SQL database; the {@link SqlDialect} supplies
 * the statements. Timestamps are event times (UTC), not the time of writing, so a replayed stream
 * writes the same rows; conditions on them make connect/disconnect and retained messages
 * order-safe.
 */
public final class JdbcFunctions {
  static final SqlStatement DELETE_RETAINED =
      SqlStatement.of(
          "DELETE FROM mqtt_retain WHERE topic = ? AND (arrived IS NULL OR arrived <= ?)",
          "mqtt_retain");

  /** A built-in function: the hookpoint it runs on and how a hook compiles into it. */
  private record Builtin(Hookpoint hookpoint, Function<HookSpec, SqlAction> factory) {}

  private final SqlDialect dialect;
  private final MessageIdFormat ids;
  private final JdbcQueries queries;
  private final Map<String, Builtin> catalogue;

  public JdbcFunctions(SqlDialect dialect, MessageIdFormat ids) {
    this.dialect = dialect;
    this.ids = ids;
    this.queries = new JdbcQueries(dialect);
    this.catalogue =
        Map.ofEntries(
            Map.entry(
                "on_client_connected", fn(Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)),
            Map.entry(
                "on_client_disconnected",
                fn(Hookpoint.CLIENT_DISCONNECTED, h -> this::clientDisconnected)),
            Map.entry(
                "on_subscribe_lookup",
                fn(Hookpoint.CLIENT_CONNECTED, h -> queries.subscribeLookup())),
            Map.entry(
                "on_message_fetch",
                fn(Hookpoint.SESSION_SUBSCRIBED, h -> queries.messageFetch(h.offlineOptions()))),
            Map.entry(
                "on_retain_lookup", fn(Hookpoint.SESSION_SUBSCRIBED, h -> queries.retainLookup())),
            Map.entry(
                "on_message_publish", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messagePublish)),
            Map.entry("on_message_store", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messageStore)),
            Map.entry("on_message_retain", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messageRetain)),
            Map.entry("on_retain_delete", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)),
            Map.entry("on_message_acked", fn(Hookpoint.MESSAGE_ACKED, h -> this::messageAcked)));
  }

  private static Builtin fn(Hookpoint hookpoint, Function<HookSpec, SqlAction> factory) {
    return new Builtin(hookpoint, factory);
  }

  /**
   * The op that applies pending acks whose message is stored; raw statements on the ack tables run
   * it first.
   */
  public SqlOp settleAcks() {
    return queries.resolvePendingAcks();
  }

  public SqlAction compile(HookSpec hook, String name) {
    Builtin f = catalogue.get(name);
    if (f == null) {
      throw new HookConfigException(
          hook.configKey(),
          "function '"
              + name
              + "' is not available for "
              + dialect.displayName()
              + "; available: "
              + new TreeSet<>(catalogue.keySet()));
    }
    if (f.hookpoint() != hook.hookpoint()) {
      throw new HookConfigException(
          hook.configKey(),
          "function '" + name + "' runs on " + f.hookpoint() + ", not on " + hook.hookpoint());
    }
    return f.factory().apply(hook);
  }

  private void clientConnected(BrokerEvent e, SqlPlan plan) {
    Object at = dialect.timestamp(e.timestampMs());
    plan.add(
        new SqlOp.Write(
            dialect.clientConnected(),
            new Object[] {e.clientid(), e.node(), at, at},
            e.clientid()));
  }

  private void clientDisconnected(BrokerEvent e, SqlPlan plan) {
    Object at = dialect.timestamp(e.timestampMs());
    Object connectedAt = e.connectedAtMs() == null ? null : dialect.timestamp(e.connectedAtMs());
    plan.add(
        new SqlOp.Write(
            dialect.clientDisconnected(),
            new Object[] {e.clientid(), e.node(), connectedAt, at, at},
            e.clientid()));
  }

  /** QoS 1/2 only; an empty retained message is a delete of the retained one, not a message. */
  private void messagePublish(BrokerEvent e, SqlPlan plan) {
    if (e.qosOrZero() > 0) {
      messageStore(e, plan);
    }
  }

  private void messageStore(BrokerEvent e, SqlPlan plan) {
    if (e.retain() && e.hasEmptyPayload()) {
      return;
    }
    plan.add(
        SqlOp.Write.of(
            dialect.insertMessage(),
            msgid(e),
            e.fromClientid(),
            e.topic(),
            e.qosOrZero(),
            e.retain() ? 1 : 0,
            e.payloadText(),
            dialect.timestamp(e.timestampMs())));
    plan.addOnceAtEnd(queries.resolvePendingAcks());
  }

  private void messageRetain(BrokerEvent e, SqlPlan plan) {
    if (!e.retain() || e.hasEmptyPayload()) {
      return;
    }
    plan.add(
        new SqlOp.Write(
            dialect.upsertRetained(),
            new Object[] {
              e.topic(),
              msgid(e),
              e.fromClientid(),
              e.qosOrZero(),
              e.payloadText(),
              dialect.timestamp(e.timestampMs())
            },
            e.topic()));
  }

  private void retainDelete(BrokerEvent e, SqlPlan plan) {
    if (e.retain() && e.hasEmptyPayload()) {
      plan.add(SqlOp.Write.of(DELETE_RETAINED, e.topic(), dialect.timestamp(e.timestampMs())));
    }
  }

  private void messageAcked(BrokerEvent e, SqlPlan plan) {
    plan.add(
        SqlOp.Write.of(
            dialect.ack(), msgid(e), e.clientid(), e.topic(), dialect.timestamp(e.timestampMs())));
    plan.noteAck();
    plan.addOnceAtEnd(queries.resolvePendingAcks());
  }

  private String msgid(BrokerEvent e) {
    if (e.messageIdHex() == null) {
      throw new MalformedEventException(e.hookpoint() + " event has no message id ('id')");
    }
    return ids.encode(e.messageIdHex());
  }
}
