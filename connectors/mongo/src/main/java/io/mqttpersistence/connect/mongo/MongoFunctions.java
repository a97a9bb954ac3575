package io.mqttpersistence.connect.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.FunctionCatalogue;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * EMQX's Mongo functions (reference 6.2) over its five collections. Where EMQX wrote
 * unconditionally, every write here is conditional on what the document holds: a client's state and
 * a retained message change only for a newer event, cursors only move forward ({@code $max}), and
 * messages are inserted once (unique msgid), so redeliveries and reordering change nothing.
 */
final class MongoFunctions {
  static final String CLIENT = "mqtt_client";
  static final String RETAIN = "mqtt_retain";
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private final MessageIdFormat ids;
  private final MongoValues values;
  private final FunctionCatalogue<MongoAction> catalogue;

  MongoFunctions(MessageIdFormat ids, MongoValues values) {
    this.ids = ids;
    this.values = values;
    this.catalogue =
        FunctionCatalogue.<MongoAction>builder("MongoDB")
            .add("on_client_connected", Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)
            .add(
                "on_client_disconnected",
                Hookpoint.CLIENT_DISCONNECTED,
                h -> this::clientDisconnected)
            .add(
                "on_subscribe_lookup",
                Hookpoint.CLIENT_CONNECTED,
                h -> lookup(MongoOp.Lookup.Kind.SUBSCRIPTIONS, h))
            .add(
                "on_message_fetch",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(MongoOp.Lookup.Kind.FETCH, h))
            .add(
                "on_retain_lookup",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(MongoOp.Lookup.Kind.RETAINED, h))
            .add(
                "on_message_publish", Hookpoint.MESSAGE_PUBLISH, h -> store(payloadFormat(h), true))
            .add("on_message_store", Hookpoint.MESSAGE_PUBLISH, h -> store(payloadFormat(h), false))
            .add("on_message_retain", Hookpoint.MESSAGE_PUBLISH, h -> retain(payloadFormat(h)))
            .add("on_retain_delete", Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)
            .add("on_message_acked", Hookpoint.MESSAGE_ACKED, h -> this::messageAcked)
            .add("on_acked_delete", Hookpoint.SESSION_UNSUBSCRIBED, h -> this::ackedDelete)
            .build();
  }

  MongoAction compile(HookSpec hook, String name) {
    return catalogue.compile(hook, name);
  }

  private static MongoValues.PayloadFormat payloadFormat(HookSpec hook) {
    Object v = hook.options().get("payload_format");
    if (v == null) {
      return MongoValues.PayloadFormat.MONGO_JSON;
    }
    return switch (v.toString().toLowerCase(Locale.ROOT)) {
      case "mongo_json" -> MongoValues.PayloadFormat.MONGO_JSON;
      case "plain_text" -> MongoValues.PayloadFormat.PLAIN_TEXT;
      default ->
          throw new HookConfigException(
              hook.configKey(), "payload_format must be mongo_json or plain_text, not '" + v + "'");
    };
  }

  private static MongoAction lookup(MongoOp.Lookup.Kind kind, HookSpec hook) {
    return new MongoAction() {
      @Override
      public void plan(BrokerEvent e, MongoPlan plan) {
        if (kind == MongoOp.Lookup.Kind.FETCH) {
          if (e.qosOrZero() == 0) {
            return; // EMQX fetches offline messages for QoS 1/2 subscriptions only
          }
          // Acks that overtook their publish count before the cursor is read.
          plan.add(new MongoOp.ResolvePending(plan.event()));
        }
        plan.add(
            new MongoOp.Lookup(kind, e, hook.offlineOptions(), plan.event(), plan.ops().size()));
      }

      @Override
      public boolean isLookup() {
        return true;
      }
    };
  }

  /**
   * Online unless the document records a newer connection or a later disconnect; either way
   * online_at becomes the latest connect time known, so the document does not depend on the order
   * connects and disconnects arrive in.
   */
  private void clientConnected(BrokerEvent e, MongoPlan plan) {
    Object t = values.time(e.timestampMs());
    Bson current =
        and(
            eq("clientid", e.clientid()),
            or(eq("online_at", null), lte("online_at", t)),
            or(
                eq("offline_at", null),
                lt("offline_at", t),
                and(eq("offline_at", t), or(eq("online_at", null), lt("online_at", t)))));
    Bson online =
        Updates.combine(
            Updates.set("state", 1),
            Updates.set("node", e.node()),
            Updates.set("online_at", t),
            Updates.set("offline_at", null));
    conditionalUpsert(plan, CLIENT, current, online, null);
    plan.add(
        new MongoOp.Write(
            CLIENT,
            new UpdateOneModel<>(eq("clientid", e.clientid()), Updates.max("online_at", t)),
            null,
            false,
            null,
            plan.event()));
  }

  /**
   * Offline unless the document records a newer connection than the one that ended; a known start
   * of the ended connection newer than online_at becomes online_at.
   */
  private void clientDisconnected(BrokerEvent e, MongoPlan plan) {
    Object t = values.time(e.timestampMs());
    Object started = e.connectedAtMs() == null ? null : values.time(e.connectedAtMs());
    Bson current =
        and(
            eq("clientid", e.clientid()),
            or(eq("offline_at", null), lte("offline_at", t)),
            or(eq("online_at", null), lte("online_at", started == null ? t : started)));
    Bson offline =
        Updates.combine(
            Updates.set("state", 0),
            Updates.set("offline_at", t),
            Updates.setOnInsert("node", e.node()),
            Updates.setOnInsert("online_at", started));
    conditionalUpsert(plan, CLIENT, current, offline, null);
    if (started != null) {
      plan.add(
          new MongoOp.Write(
              CLIENT,
              new UpdateOneModel<>(eq("clientid", e.clientid()), Updates.max("online_at", started)),
              null,
              false,
              null,
              plan.event()));
    }
  }

  /**
   * An upsert whose filter holds a condition: when the document exists but the condition fails, the
   * insert it falls back to hits the unique index, and the same update without upsert (which then
   * matches nothing, or something a concurrent insert made) settles it.
   */
  private static void conditionalUpsert(
      MongoPlan plan, String collection, Bson filter, Bson update, Object rowKey) {
    plan.add(
        new MongoOp.Write(
            collection,
            new UpdateOneModel<>(filter, update, UPSERT),
            new UpdateOneModel<>(filter, update),
            false,
            rowKey,
            plan.event()));
  }

  /** on_message_publish stores QoS 1/2; on_message_store every QoS; never an empty retained one. */
  private MongoAction store(MongoValues.PayloadFormat format, boolean qos12Only) {
    return (e, plan) -> {
      if ((qos12Only && e.qosOrZero() == 0) || (e.retain() && e.hasEmptyPayload())) {
        return;
      }
      String msgid = ids.encode(e.requireMessageId());
      Document doc =
          new Document("topic", e.topic())
              .append("msgid", msgid)
              .append("sender", e.fromClientid())
              .append("qos", e.qosOrZero())
              .append("retain", e.retain())
              .append("payload", MongoValues.payload(e, format))
              .append("arrived", values.time(e.timestampMs()));
      plan.add(new MongoOp.InsertMessage(doc, msgid, plan.event()));
    };
  }

  /**
   * The newest non-empty retained message of a topic; an older one arriving late changes nothing.
   */
  private MongoAction retain(MongoValues.PayloadFormat format) {
    return (e, plan) -> {
      if (!e.retain() || e.hasEmptyPayload()) {
        return;
      }
      Object t = values.time(e.timestampMs());
      Bson newer = and(eq("topic", e.topic()), or(eq("arrived", null), lte("arrived", t)));
      Bson set =
          Updates.combine(
              Updates.set("msgid", ids.encode(e.requireMessageId())),
              Updates.set("sender", e.fromClientid()),
              Updates.set("qos", e.qosOrZero()),
              Updates.set("payload", MongoValues.payload(e, format)),
              Updates.set("arrived", t));
      conditionalUpsert(plan, RETAIN, newer, set, e.topic());
    };
  }

  /** An empty retained message deletes the topic's retained message unless that one is newer. */
  private void retainDelete(BrokerEvent e, MongoPlan plan) {
    if (!e.retain() || !e.hasEmptyPayload()) {
      return;
    }
    Object t = values.time(e.timestampMs());
    plan.add(
        new MongoOp.Write(
            RETAIN,
            new DeleteOneModel<>(
                and(eq("topic", e.topic()), or(eq("arrived", null), lte("arrived", t)))),
            null,
            false,
            e.topic(),
            plan.event()));
  }

  private void messageAcked(BrokerEvent e, MongoPlan plan) {
    plan.add(
        new MongoOp.Ack(
            e.clientid(),
            e.topic(),
            ids.encode(e.requireMessageId()),
            values.time(e.timestampMs()),
            plan.event()));
  }

  /** session.unsubscribed: the subscriber's cursor goes, and so do acks still waiting to set it. */
  private void ackedDelete(BrokerEvent e, MongoPlan plan) {
    Bson key = and(eq("clientid", e.clientid()), eq("topic", e.topic()));
    plan.add(
        new MongoOp.Write(
            MongoOp.ACKED, new DeleteOneModel<>(key), null, false, null, plan.event()));
    plan.add(
        new MongoOp.Write(
            MongoOp.PENDING, new DeleteManyModel<>(key), null, false, null, plan.event()));
  }
}
