package io.mqttpersistence.connect.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the write groups of a batch as bulk writes and maps each failed operation back to its event:
 * a conditional upsert that hits the unique index is settled by its update alone, a message stored
 * already is a redelivery, a transient failure retries the batch, and any other failure is the
 * event's data.
 */
final class MongoWrites {
  private static final Logger LOG = LoggerFactory.getLogger(MongoWrites.class);
  static final String SEQUENCES = "mqtt_seq";
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
  private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
  private static final int DUPLICATE_KEY = 11000;

  private final MongoDatabase db;

  MongoWrites(MongoDatabase db) {
    this.db = db;
  }

  /** What a batch has done so far: messages it stored, and events whose data failed. */
  static final class BatchState {
    final Map<String, Long> stored = new HashMap<>();
    final Map<Integer, String> bad = new HashMap<>();
  }

  void writes(List<MongoOp.Write> group, BatchState state) throws StoreException {
    MongoOp.Write first = group.get(0);
    MongoCollection<Document> c = db.getCollection(first.collection());
    List<MongoOp.Write> pending = group;
    List<MongoOp.Write> stale = new ArrayList<>();
    while (!pending.isEmpty()) {
      List<WriteModel<Document>> models = new ArrayList<>(pending.size());
      pending.forEach(w -> models.add(w.model()));
      try {
        c.bulkWrite(models, first.ordered() ? ORDERED : UNORDERED);
        pending = List.of();
      } catch (MongoBulkWriteException e) {
        failed(e);
        int lastFailed = -1;
        for (BulkWriteError err : e.getWriteErrors()) {
          MongoOp.Write w = pending.get(err.getIndex());
          lastFailed = Math.max(lastFailed, err.getIndex());
          if (err.getCode() == DUPLICATE_KEY && w.ifStale() != null) {
            stale.add(w);
          } else if (MongoErrors.isTransient(err.getCode())) {
            throw transientError(first.collection(), err);
          } else {
            state.bad.putIfAbsent(w.event(), first.collection() + ": " + err.getMessage());
          }
        }
        // An ordered bulk stops at its first failure: what came after it still has to run.
        pending = first.ordered() ? pending.subList(lastFailed + 1, pending.size()) : List.of();
      } catch (MongoException e) {
        throw MongoErrors.classify("bulk write to " + first.collection() + " failed", e);
      }
      if (!stale.isEmpty()) {
        settleStale(c, stale, state);
        stale = new ArrayList<>();
      }
    }
  }

  /** The conditional upserts that found their document: their update alone decides now. */
  private static void settleStale(
      MongoCollection<Document> c, List<MongoOp.Write> stale, BatchState state)
      throws StoreException {
    List<WriteModel<Document>> models = new ArrayList<>(stale.size());
    stale.forEach(w -> models.add(w.ifStale()));
    try {
      c.bulkWrite(models, UNORDERED);
    } catch (MongoBulkWriteException e) {
      failed(e);
      for (BulkWriteError err : e.getWriteErrors()) {
        if (MongoErrors.isTransient(err.getCode())) {
          throw transientError(c.getNamespace().getCollectionName(), err);
        }
        state.bad.putIfAbsent(stale.get(err.getIndex()).event(), err.getMessage());
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("bulk write failed", e);
    }
  }

  /**
   * Numbers the group's messages with one range of the mqtt_msg sequence (so {@code _id} order is
   * the order they were stored in, as EMQX's was) and inserts them; a msgid stored already is a
   * redelivery, and its range number is simply not used.
   *
   * <p>A duplicate key is a redelivery only when the msgid is the stored one: a sequence behind the
   * collection (mqtt_seq dropped, or restored from an older backup than mqtt_msg) hands out numbers
   * of stored messages, and those messages are numbered again past the highest stored one rather
   * than taken for redeliveries and lost.
   */
  void inserts(List<MongoOp.InsertMessage> group, BatchState state) throws StoreException {
    List<MongoOp.InsertMessage> unnumbered = group;
    for (int attempt = 1; !unnumbered.isEmpty(); attempt++) {
      if (attempt > MAX_NUMBERING_ATTEMPTS) {
        throw new StoreException(
            "mqtt_msg: the numbers mqtt_seq hands out are taken by stored messages, "
                + MAX_NUMBERING_ATTEMPTS
                + " times in a row; another writer is numbering messages",
            null,
            true);
      }
      unnumbered = insertNumbered(unnumbered, state);
      if (!unnumbered.isEmpty()) {
        catchUpSequence();
      }
    }
  }

  private static final int MAX_NUMBERING_ATTEMPTS = 5;

  /** Inserts with fresh numbers; returns the messages whose number was taken by another message. */
  private List<MongoOp.InsertMessage> insertNumbered(
      List<MongoOp.InsertMessage> group, BatchState state) throws StoreException {
    long last;
    try {
      Document seq =
          db.getCollection(SEQUENCES)
              .findOneAndUpdate(
                  eq("_id", MongoOp.MSG),
                  Updates.inc("seq", (long) group.size()),
                  new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      last = ((Number) seq.get("seq")).longValue();
    } catch (MongoException e) {
      throw MongoErrors.classify("could not number messages", e);
    }
    long id = last - group.size();
    List<WriteModel<Document>> models = new ArrayList<>(group.size());
    List<Long> ids = new ArrayList<>(group.size());
    for (MongoOp.InsertMessage m : group) {
      ids.add(++id);
      Document doc = new Document("_id", id);
      doc.putAll(m.doc());
      models.add(new InsertOneModel<>(doc));
    }
    Set<Integer> notStored = new HashSet<>();
    List<Integer> duplicates = new ArrayList<>();
    try {
      db.getCollection(MongoOp.MSG).bulkWrite(models, UNORDERED);
    } catch (MongoBulkWriteException e) {
      failed(e);
      for (BulkWriteError err : e.getWriteErrors()) {
        notStored.add(err.getIndex());
        if (err.getCode() == DUPLICATE_KEY) {
          duplicates.add(err.getIndex());
          continue;
        }
        if (MongoErrors.isTransient(err.getCode())) {
          throw transientError(MongoOp.MSG, err);
        }
        state.bad.putIfAbsent(group.get(err.getIndex()).event(), "mqtt_msg: " + err.getMessage());
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("inserting messages failed", e);
    }
    for (int i = 0; i < group.size(); i++) {
      if (!notStored.contains(i)) {
        state.stored.put(group.get(i).msgid(), ids.get(i));
      }
    }
    return numberTaken(group, duplicates);
  }

  /** Of the duplicates, those whose msgid is not stored: their number, not their msgid, clashed. */
  private List<MongoOp.InsertMessage> numberTaken(
      List<MongoOp.InsertMessage> group, List<Integer> duplicates) throws StoreException {
    if (duplicates.isEmpty()) {
      return List.of();
    }
    Set<String> msgids = new LinkedHashSet<>();
    duplicates.forEach(i -> msgids.add(group.get(i).msgid()));
    Set<String> storedAlready = new HashSet<>();
    try {
      for (Document d :
          db.getCollection(MongoOp.MSG)
              .find(in("msgid", msgids))
              .projection(Projections.include("msgid"))) {
        storedAlready.add(d.getString("msgid"));
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("could not tell redeliveries from numbering clashes", e);
    }
    List<MongoOp.InsertMessage> clashed = new ArrayList<>();
    for (int i : duplicates) {
      if (!storedAlready.contains(group.get(i).msgid())) {
        clashed.add(group.get(i));
      }
    }
    return clashed;
  }

  /** Moves the sequence past the highest stored number, never back. */
  private void catchUpSequence() throws StoreException {
    try {
      Document top =
          db.getCollection(MongoOp.MSG)
              .find()
              .sort(new Document("_id", -1))
              .projection(Projections.include("_id"))
              .first();
      if (top != null && top.get("_id") instanceof Number highest) {
        LOG.warn(
            "mqtt_seq was behind mqtt_msg (highest stored _id {}): numbering from there on",
            highest);
        db.getCollection(SEQUENCES)
            .updateOne(eq("_id", MongoOp.MSG), Updates.max("seq", highest.longValue()), UPSERT);
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("could not move mqtt_seq past the stored messages", e);
    }
  }

  /**
   * Moves each ack's cursor to its message's {@code _id} (never backwards), or parks the ack until
   * its message is stored. A parked ack is checked once more after parking: a task that stored the
   * message in between, and looked for waiting acks before this one was parked, left it to us.
   */
  void acks(List<MongoOp.Ack> group, BatchState state) throws StoreException {
    Set<String> msgids = new LinkedHashSet<>();
    group.forEach(a -> msgids.add(a.msgid()));
    Map<String, Long> ids = idsOf(msgids, state);
    List<MongoOp.Ack> parked = new ArrayList<>();
    List<WriteModel<Document>> cursors = new ArrayList<>();
    List<WriteModel<Document>> waits = new ArrayList<>();
    for (MongoOp.Ack a : group) {
      Long id = ids.get(a.msgid());
      if (id != null) {
        cursors.add(cursorMove(a.clientid(), a.topic(), id));
      } else {
        parked.add(a);
        waits.add(
            new UpdateOneModel<>(
                and(eq("clientid", a.clientid()), eq("topic", a.topic()), eq("msgid", a.msgid())),
                Updates.setOnInsert("at", a.at()),
                UPSERT));
      }
    }
    bulk(MongoOp.ACKED, cursors);
    if (parked.isEmpty()) {
      return;
    }
    bulk(MongoOp.PENDING, waits);
    Set<String> waiting = new LinkedHashSet<>();
    parked.forEach(a -> waiting.add(a.msgid()));
    Map<String, Long> arrived = idsOf(waiting, new BatchState());
    if (!arrived.isEmpty()) {
      resolve(arrived);
    }
  }

  /** Waiting acks of the messages this batch stored: their cursors move, and they stop waiting. */
  void resolvePending(BatchState state) throws StoreException {
    if (!state.stored.isEmpty()) {
      resolve(state.stored);
    }
  }

  private void resolve(Map<String, Long> ids) throws StoreException {
    List<Document> waiting;
    try {
      waiting =
          db.getCollection(MongoOp.PENDING).find(in("msgid", ids.keySet())).into(new ArrayList<>());
    } catch (MongoException e) {
      throw MongoErrors.classify("reading waiting acks failed", e);
    }
    if (waiting.isEmpty()) {
      return;
    }
    List<WriteModel<Document>> cursors = new ArrayList<>();
    List<ObjectId> done = new ArrayList<>();
    for (Document w : waiting) {
      cursors.add(
          cursorMove(w.getString("clientid"), w.getString("topic"), ids.get(w.getString("msgid"))));
      done.add(w.getObjectId("_id"));
    }
    bulk(MongoOp.ACKED, cursors);
    bulk(MongoOp.PENDING, List.of(new DeleteManyModel<>(in("_id", done))));
  }

  private static WriteModel<Document> cursorMove(String clientid, String topic, long id) {
    return new UpdateOneModel<>(
        and(eq("clientid", clientid), eq("topic", topic)), Updates.max("mongo_id", id), UPSERT);
  }

  /** The {@code _id}s of stored messages: those this batch stored, then those already there. */
  private Map<String, Long> idsOf(Set<String> msgids, BatchState state) throws StoreException {
    Map<String, Long> out = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String m : msgids) {
      Long id = state.stored.get(m);
      if (id != null) {
        out.put(m, id);
      } else {
        unknown.add(m);
      }
    }
    if (!unknown.isEmpty()) {
      try {
        for (Document d :
            db.getCollection(MongoOp.MSG)
                .find(in("msgid", unknown))
                .projection(Projections.include("_id", "msgid"))) {
          out.put(d.getString("msgid"), ((Number) d.get("_id")).longValue());
        }
      } catch (MongoException e) {
        throw MongoErrors.classify("finding acked messages failed", e);
      }
    }
    return out;
  }

  /**
   * A bulk of upserts and deletes that cannot fail on data; a duplicate key from two tasks
   * upserting one new cursor at once is settled by running the loser again (it then updates).
   */
  private void bulk(String collection, List<WriteModel<Document>> models) throws StoreException {
    if (models.isEmpty()) {
      return;
    }
    MongoCollection<Document> c = db.getCollection(collection);
    try {
      c.bulkWrite(models, UNORDERED);
    } catch (MongoBulkWriteException e) {
      failed(e);
      List<WriteModel<Document>> again = new ArrayList<>();
      for (BulkWriteError err : e.getWriteErrors()) {
        if (err.getCode() != DUPLICATE_KEY) {
          throw new StoreException(collection + ": " + err.getMessage(), e, isTransient(err));
        }
        again.add(models.get(err.getIndex()));
      }
      try {
        c.bulkWrite(again, UNORDERED);
      } catch (MongoException retry) {
        throw MongoErrors.classify("bulk write to " + collection + " failed", retry);
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("bulk write to " + collection + " failed", e);
    }
  }

  private static boolean isTransient(BulkWriteError err) {
    return MongoErrors.isTransient(err.getCode());
  }

  /** A bulk write whose write concern failed: everything may have to be written again. */
  private static void failed(MongoBulkWriteException e) throws StoreException {
    if (e.getWriteConcernError() != null) {
      throw new StoreException(
          "write concern failed: " + e.getWriteConcernError().getMessage(), e, true);
    }
  }

  private static StoreException transientError(String collection, BulkWriteError err) {
    return new StoreException(collection + ": " + err.getMessage(), null, true);
  }
}
