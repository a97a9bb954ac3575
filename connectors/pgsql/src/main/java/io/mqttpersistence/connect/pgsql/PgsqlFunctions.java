package io.mqttpersistence.connect.pgsql;

import static io.mqttpersistence.connect.common.jdbc.JdbcBinder.utc;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.jdbc.SqlAction;
import io.mqttpersistence.connect.common.jdbc.SqlOp;
import io.mqttpersistence.connect.common.jdbc.SqlPlan;
import io.mqttpersistence.connect.common.jdbc.SqlStatement;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * EMQX's built-in functions for PostgreSQL. Timestamps are event times (UTC), not the time of writing, so
 * a replayed stream writes the same rows; conditions on them make connect/disconnect and retained
 * messages order-safe.
 */
final class PgsqlFunctions {
  static final SqlStatement CLIENT_CONNECTED = SqlStatement.of(
      "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
          + " VALUES (?, 1, ?, ?, NULL, ?)"
          + " ON CONFLICT (clientid) DO UPDATE SET state = 1, node = EXCLUDED.node,"
          + " online_at = EXCLUDED.online_at, offline_at = NULL"
          // A connection older than the stored one, or one already closed by a later disconnect, is stale.
          + " WHERE (mqtt_client.online_at IS NULL OR mqtt_client.online_at <= EXCLUDED.online_at)"
          + " AND (mqtt_client.offline_at IS NULL OR mqtt_client.offline_at < EXCLUDED.online_at"
          + " OR (mqtt_client.offline_at = EXCLUDED.online_at"
          + " AND (mqtt_client.online_at IS NULL OR mqtt_client.online_at < EXCLUDED.online_at)))",
      "mqtt_client");

  static final SqlStatement CLIENT_DISCONNECTED = SqlStatement.of(
      "INSERT INTO mqtt_client(clientid, state, node, online_at, offline_at, created)"
          + " VALUES (?, 0, ?, ?, ?, ?)"
          + " ON CONFLICT (clientid) DO UPDATE SET state = 0, offline_at = EXCLUDED.offline_at"
          // Only the stored connection (or an older one) may be closed: a late disconnect of an old
          // session must not mark a newer connection offline.
          + " WHERE (mqtt_client.offline_at IS NULL OR mqtt_client.offline_at <= EXCLUDED.offline_at)"
          + " AND (mqtt_client.online_at IS NULL"
          + " OR mqtt_client.online_at <= COALESCE(EXCLUDED.online_at, EXCLUDED.offline_at))",
      "mqtt_client");

  static final SqlStatement INSERT_MESSAGE = SqlStatement.of(
      "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msgid) DO NOTHING",
      "mqtt_msg");

  static final SqlStatement UPSERT_RETAINED = SqlStatement.of(
      "INSERT INTO mqtt_retain(topic, msgid, sender, qos, payload, arrived) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (topic) DO UPDATE SET msgid = EXCLUDED.msgid, sender = EXCLUDED.sender,"
          + " qos = EXCLUDED.qos, payload = EXCLUDED.payload, arrived = EXCLUDED.arrived"
          + " WHERE mqtt_retain.arrived IS NULL OR mqtt_retain.arrived <= EXCLUDED.arrived",
      "mqtt_retain");

  static final SqlStatement DELETE_RETAINED = SqlStatement.of(
      "DELETE FROM mqtt_retain WHERE topic = ? AND (arrived IS NULL OR arrived <= ?)", "mqtt_retain");

  /**
   * Moves the (client, topic) cursor to the acked message's mqtt_msg.id, never backwards. When the
   * publish has not been stored yet (acks and publishes travel through different partitions) the ack
   * waits in mqtt_ack_pending until {@link PgsqlQueries#RESOLVE_PENDING_ACKS} finds its message.
   *
   * <p>It names no mqtt_msg among its tables on purpose: whether the message row is there yet or not,
   * the cursor ends the same once pending acks are resolved, so acks may move past publishes in a batch.
   */
  static final SqlStatement ACK = new SqlStatement(
      "WITH m AS (SELECT id FROM mqtt_msg WHERE msgid = ?),"
          + " a AS (INSERT INTO mqtt_acked(clientid, topic, mid, created) SELECT ?, ?, id, ? FROM m"
          + " ON CONFLICT (clientid, topic) DO UPDATE SET mid = GREATEST(mqtt_acked.mid, EXCLUDED.mid)"
          + " RETURNING 1)"
          + " INSERT INTO mqtt_ack_pending(clientid, topic, msgid, created)"
          + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM m) ON CONFLICT DO NOTHING",
      Set.of("mqtt_acked", "mqtt_ack_pending"));

  /** A built-in function: the hookpoint it runs on and how a hook compiles into it. */
  private record Builtin(Hookpoint hookpoint, Function<HookSpec, SqlAction> factory) {}

  private final MessageIdFormat ids;
  private final Map<String, Builtin> catalogue;

  PgsqlFunctions(MessageIdFormat ids) {
    this.ids = ids;
    this.catalogue = Map.ofEntries(
        Map.entry("on_client_connected", fn(Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)),
        Map.entry("on_client_disconnected", fn(Hookpoint.CLIENT_DISCONNECTED, h -> this::clientDisconnected)),
        Map.entry("on_subscribe_lookup", fn(Hookpoint.CLIENT_CONNECTED, h -> PgsqlQueries.subscribeLookup())),
        Map.entry("on_message_fetch",
            fn(Hookpoint.SESSION_SUBSCRIBED, h -> PgsqlQueries.messageFetch(h.offlineOptions()))),
        Map.entry("on_retain_lookup", fn(Hookpoint.SESSION_SUBSCRIBED, h -> PgsqlQueries.retainLookup())),
        Map.entry("on_message_publish", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messagePublish)),
        Map.entry("on_message_store", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messageStore)),
        Map.entry("on_message_retain", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::messageRetain)),
        Map.entry("on_retain_delete", fn(Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)),
        Map.entry("on_message_acked", fn(Hookpoint.MESSAGE_ACKED, h -> this::messageAcked)));
  }

  private static Builtin fn(Hookpoint hookpoint, Function<HookSpec, SqlAction> factory) {
    return new Builtin(hookpoint, factory);
  }

  SqlAction compile(HookSpec hook, String name) {
    Builtin f = catalogue.get(name);
    if (f == null) {
      throw new HookConfigException(hook.configKey(), "function '" + name + "' is not available for PostgreSQL;"
          + " available: " + new java.util.TreeSet<>(catalogue.keySet()));
    }
    if (f.hookpoint() != hook.hookpoint()) {
      throw new HookConfigException(hook.configKey(), "function '" + name + "' runs on "
          + f.hookpoint() + ", not on " + hook.hookpoint());
    }
    return f.factory().apply(hook);
  }

  private void clientConnected(BrokerEvent e, SqlPlan plan) {
    LocalDateTime at = utc(e.timestampMs());
    plan.add(new SqlOp.Write(CLIENT_CONNECTED, new Object[] {e.clientid(), e.node(), at, at}, e.clientid()));
  }

  private void clientDisconnected(BrokerEvent e, SqlPlan plan) {
    LocalDateTime at = utc(e.timestampMs());
    LocalDateTime connectedAt = e.connectedAtMs() == null ? null : utc(e.connectedAtMs());
    plan.add(new SqlOp.Write(CLIENT_DISCONNECTED,
        new Object[] {e.clientid(), e.node(), connectedAt, at, at}, e.clientid()));
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
    plan.add(SqlOp.Write.of(INSERT_MESSAGE, msgid(e), e.fromClientid(), e.topic(), e.qosOrZero(),
        e.retain() ? 1 : 0, e.payloadText(), utc(e.timestampMs())));
    plan.addOnceAtEnd(PgsqlQueries.RESOLVE_PENDING_ACKS);
  }

  private void messageRetain(BrokerEvent e, SqlPlan plan) {
    if (!e.retain() || e.hasEmptyPayload()) {
      return;
    }
    plan.add(new SqlOp.Write(UPSERT_RETAINED, new Object[] {e.topic(), msgid(e), e.fromClientid(),
        e.qosOrZero(), e.payloadText(), utc(e.timestampMs())}, e.topic()));
  }

  private void retainDelete(BrokerEvent e, SqlPlan plan) {
    if (e.retain() && e.hasEmptyPayload()) {
      plan.add(SqlOp.Write.of(DELETE_RETAINED, e.topic(), utc(e.timestampMs())));
    }
  }

  private void messageAcked(BrokerEvent e, SqlPlan plan) {
    String msgid = msgid(e);
    LocalDateTime at = utc(e.timestampMs());
    plan.add(SqlOp.Write.of(ACK, msgid, e.clientid(), e.topic(), at, e.clientid(), e.topic(), msgid, at));
  }

  private String msgid(BrokerEvent e) {
    if (e.messageIdHex() == null) {
      throw new MalformedEventException(e.hookpoint() + " event has no message id ('id')");
    }
    return ids.encode(e.messageIdHex());
  }
}
