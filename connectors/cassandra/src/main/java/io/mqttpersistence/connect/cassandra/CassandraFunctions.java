package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.FunctionCatalogue;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.time.Instant;
import java.util.Arrays;

/**
 * EMQX's Cassandra functions (reference 5.2). Every write is stamped with the time of what it
 * records ({@link WriteTimes}), so Cassandra's last-write-wins settles replays and reordering: a
 * stale disconnect, an older retained message or delete, or an ack of an older message loses to
 * what is stored, whatever order they arrive in.
 */
final class CassandraFunctions {
  private final MessageIdFormat ids;
  private final int ttl;
  private final FunctionCatalogue<CassandraAction> catalogue;

  CassandraFunctions(MessageIdFormat ids, int messageTtlSeconds) {
    this.ids = ids;
    this.ttl = messageTtlSeconds;
    this.catalogue =
        FunctionCatalogue.<CassandraAction>builder("Cassandra")
            .add("on_client_connected", Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)
            .add(
                "on_client_disconnected",
                Hookpoint.CLIENT_DISCONNECTED,
                h -> this::clientDisconnected)
            .add(
                "on_subscribe_lookup",
                Hookpoint.CLIENT_CONNECTED,
                h -> lookup(CassandraOp.Lookup.Kind.SUBSCRIPTIONS, h))
            .alias("on_subscription_lookup", "on_subscribe_lookup")
            .add(
                "on_message_fetch",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(CassandraOp.Lookup.Kind.FETCH, h))
            .add(
                "on_retain_lookup",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(CassandraOp.Lookup.Kind.RETAINED, h))
            .add("on_message_publish", Hookpoint.MESSAGE_PUBLISH, h -> store(true))
            .add("on_message_store", Hookpoint.MESSAGE_PUBLISH, h -> store(false))
            .add("on_message_retain", Hookpoint.MESSAGE_PUBLISH, h -> this::retain)
            .add("on_retain_delete", Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)
            .add("on_message_acked", Hookpoint.MESSAGE_ACKED, h -> this::messageAcked)
            .build();
  }

  CassandraAction compile(HookSpec hook, String name) {
    return catalogue.compile(hook, name);
  }

  private static CassandraAction lookup(CassandraOp.Lookup.Kind kind, HookSpec hook) {
    return new CassandraAction() {
      @Override
      public void plan(BrokerEvent e, CassandraPlan plan) {
        if (kind == CassandraOp.Lookup.Kind.FETCH && e.qosOrZero() == 0) {
          return; // EMQX fetches offline messages for QoS 1/2 subscriptions only
        }
        plan.add(
            new CassandraOp.Lookup(
                kind, e, hook.offlineOptions(), plan.event(), plan.ops().size()));
      }

      @Override
      public boolean isLookup() {
        return true;
      }
    };
  }

  private static void write(
      CassandraPlan plan, String cql, String table, String partition, Object... values) {
    plan.add(
        new CassandraOp.Write(cql, Arrays.asList(values), null, table, partition, plan.event()));
  }

  /** Online, on this node, since the event; the disconnect time is cleared at the same time. */
  private void clientConnected(BrokerEvent e, CassandraPlan plan) {
    write(
        plan,
        CassandraCql.CONNECT,
        CassandraCql.CLIENT,
        null,
        WriteTimes.connectMicros(e),
        e.node(),
        Instant.ofEpochMilli(e.timestampMs()),
        e.clientid());
  }

  /**
   * Offline since the event, unless a newer connection is recorded; a start of the ended connection
   * the disconnect names is recorded at its own time, so it never hides a newer one.
   */
  private void clientDisconnected(BrokerEvent e, CassandraPlan plan) {
    write(
        plan,
        CassandraCql.DISCONNECT,
        CassandraCql.CLIENT,
        null,
        WriteTimes.disconnectMicros(e),
        Instant.ofEpochMilli(e.timestampMs()),
        e.clientid());
    if (e.connectedAtMs() != null) {
      write(
          plan,
          CassandraCql.CONNECTED_AT,
          CassandraCql.CLIENT,
          null,
          Math.multiplyExact(e.connectedAtMs(), 1000L),
          Instant.ofEpochMilli(e.connectedAtMs()),
          e.clientid());
    }
  }

  /**
   * on_message_publish stores QoS 1/2, on_message_store every QoS, never an empty retained one: the
   * row in EMQX's msg, and its place in the topic's timeline, both with the message TTL.
   */
  private CassandraAction store(boolean qos12Only) {
    return (e, plan) -> {
      if ((qos12Only && e.qosOrZero() == 0) || (e.retain() && e.hasEmptyPayload())) {
        return;
      }
      String hex = e.requireMessageId();
      String msgid = ids.encode(hex);
      long at = WriteTimes.messageMicros(e, hex);
      write(
          plan,
          CassandraCql.INSERT_MSG,
          CassandraCql.MSG,
          partition(e),
          e.topic(),
          msgid,
          e.fromClientid(),
          e.qosOrZero(),
          e.retain() ? 1 : 0,
          payload(e),
          Instant.ofEpochMilli(e.timestampMs()),
          at,
          ttl);
      write(
          plan,
          CassandraCql.INSERT_TIMELINE,
          CassandraCql.TIMELINE,
          partition(e),
          e.topic(),
          at,
          msgid,
          at,
          ttl);
    };
  }

  /**
   * The topic's retained message, body included (EMQX kept only the msgid and read the body from
   * msg, where a QoS 0 or expired message is not); a newer one replaces it, an older one loses.
   */
  private void retain(BrokerEvent e, CassandraPlan plan) {
    if (!e.retain() || e.hasEmptyPayload()) {
      return;
    }
    String hex = e.requireMessageId();
    write(
        plan,
        CassandraCql.RETAIN_SET,
        CassandraCql.RETAIN,
        null,
        WriteTimes.messageMicros(e, hex),
        ids.encode(hex),
        e.fromClientid(),
        e.qosOrZero(),
        payload(e),
        Instant.ofEpochMilli(e.timestampMs()),
        e.topic());
  }

  /** An empty retained message deletes the topic's retained message unless that one is newer. */
  private void retainDelete(BrokerEvent e, CassandraPlan plan) {
    if (!e.retain() || !e.hasEmptyPayload()) {
      return;
    }
    write(
        plan,
        CassandraCql.RETAIN_DELETE,
        CassandraCql.RETAIN,
        null,
        WriteTimes.messageMicros(e, e.requireMessageId()),
        e.topic());
  }

  /**
   * The (receiver, topic) cursor becomes the acked msgid, written at the acked message's publish
   * time: an ack of an older message, however late, leaves a newer cursor alone.
   */
  private void messageAcked(BrokerEvent e, CassandraPlan plan) {
    String hex = e.requireMessageId();
    long published = WriteTimes.messageMicros(e, hex);
    write(
        plan,
        CassandraCql.ACK,
        CassandraCql.ACKED,
        null,
        published,
        ids.encode(hex),
        published,
        e.clientid(),
        e.topic());
  }

  /**
   * msg and msg_timeline are both keyed by topic: Cassandra applies the rows of one partition key
   * in one keyspace as one mutation on the same replicas, whichever table they are in, so a
   * message's two rows (and a topic's burst of messages) share one unlogged batch.
   */
  private static String partition(BrokerEvent e) {
    return "topic " + e.topic();
  }

  private static byte[] payload(BrokerEvent e) {
    return e.payload() == null ? new byte[0] : e.payload();
  }
}
