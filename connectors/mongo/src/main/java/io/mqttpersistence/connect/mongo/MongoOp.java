package io.mqttpersistence.connect.mongo;

import com.mongodb.client.model.WriteModel;
import io.mqttpersistence.connect.common.batch.Op;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.OfflineOptions;
import java.util.Set;
import org.bson.Document;

/**
 * What Mongo actions produce for one event, for the planner to gather into bulk writes and batched
 * reads. Each op remembers its event's place in the batch, so a failed operation of a bulk write is
 * blamed on its own record.
 */
sealed interface MongoOp extends Op {
  String MSG = "mqtt_msg";
  String ACKED = "mqtt_acked";
  String PENDING = "mqtt_ack_pending";

  /** The event's place in the batch. */
  int event();

  /**
   * One write of a bulk write to {@code collection}. Built-in writes commute (each is conditional
   * on what the document holds), so they share unordered bulks; those that must stay in event order
   * name the document they touch ({@code rowKey}) so the planner cuts between two of one document,
   * or are {@code ordered} (document templates).
   *
   * @param ifStale for a conditional upsert: the same update without upsert, run when the upsert
   *     hits the unique index (the document exists: the condition decides), else null
   */
  record Write(
      String collection,
      WriteModel<Document> model,
      WriteModel<Document> ifStale,
      boolean ordered,
      Object rowKey,
      int event)
      implements MongoOp {
    @Override
    public Object batchKey() {
      return ordered ? collection + " in order" : collection;
    }

    @Override
    public Set<String> resources() {
      return Set.of(collection);
    }
  }

  /** A message insert; the store numbers {@code _id}s per batch and ignores stored msgids. */
  record InsertMessage(Document doc, String msgid, int event) implements MongoOp {
    @Override
    public Object batchKey() {
      return "insert " + MSG;
    }

    @Override
    public Set<String> resources() {
      return Set.of(MSG);
    }
  }

  /**
   * An ack: the cursor moves to the acked message's {@code _id}, or the ack waits in
   * mqtt_ack_pending for its message. It reads mqtt_msg but does not list it, so acks and publishes
   * of a batch may pass each other: whichever runs second completes the ack.
   */
  record Ack(String clientid, String topic, String msgid, Object at, int event) implements MongoOp {
    @Override
    public Object batchKey() {
      return "ack";
    }

    @Override
    public Set<String> resources() {
      return Set.of(ACKED, PENDING);
    }
  }

  /** Turns waiting acks of the messages this batch stored so far into cursor moves. */
  record ResolvePending(int event) implements MongoOp {
    @Override
    public Object batchKey() {
      return null;
    }

    @Override
    public Set<String> resources() {
      return Set.of(MSG, ACKED, PENDING);
    }
  }

  /**
   * A lookup; lookups of one function with nothing written between them share one query.
   *
   * @param seq its place among the batch's ops, which orders the replies
   */
  record Lookup(Kind kind, BrokerEvent source, OfflineOptions offline, int event, int seq)
      implements MongoOp {
    enum Kind {
      SUBSCRIPTIONS,
      RETAINED,
      FETCH
    }

    @Override
    public Object batchKey() {
      return kind == Kind.FETCH ? null : kind;
    }

    @Override
    public Set<String> resources() {
      return switch (kind) {
        case SUBSCRIPTIONS -> Set.of("mqtt_sub");
        case RETAINED -> Set.of("mqtt_retain");
        case FETCH -> Set.of(MSG, ACKED, PENDING);
      };
    }
  }
}
