package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.FunctionCatalogue;
import io.mqttpersistence.connect.common.hook.HookSpec;

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

  private final SqlDialect dialect;
  private final MessageIdFormat ids;
  private final JdbcQueries queries;
  private final FunctionCatalogue<SqlAction> catalogue;

  public JdbcFunctions(SqlDialect dialect, MessageIdFormat ids) {
    this.dialect = dialect;
    this.ids = ids;
    this.queries = new JdbcQueries(dialect);
    this.catalogue =
        FunctionCatalogue.<SqlAction>builder(dialect.displayName())
            .add("on_client_connected", Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)
            .add(
                "on_client_disconnected",
                Hookpoint.CLIENT_DISCONNECTED,
                h -> this::clientDisconnected)
            .add("on_subscribe_lookup", Hookpoint.CLIENT_CONNECTED, h -> queries.subscribeLookup())
            .add(
                "on_message_fetch",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> queries.messageFetch(h.offlineOptions()))
            .add("on_retain_lookup", Hookpoint.SESSION_SUBSCRIBED, h -> queries.retainLookup())
            .add("on_message_publish", Hookpoint.MESSAGE_PUBLISH, h -> this::messagePublish)
            .add("on_message_store", Hookpoint.MESSAGE_PUBLISH, h -> this::messageStore)
            .add("on_message_retain", Hookpoint.MESSAGE_PUBLISH, h -> this::messageRetain)
            .add("on_retain_delete", Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)
            .add("on_message_acked", Hookpoint.MESSAGE_ACKED, h -> this::messageAcked)
            .build();
  }

  public SqlAction compile(HookSpec hook, String name) {
    return catalogue.compile(hook, name);
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
    plan.stored(msgid(e));
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
    String msgid = msgid(e);
    plan.add(
        SqlOp.Write.of(
            dialect.ack(), msgid, e.clientid(), e.topic(), dialect.timestamp(e.timestampMs())));
    plan.acked(msgid);
  }

  private String msgid(BrokerEvent e) {
    return ids.encode(e.requireMessageId());
  }
}
