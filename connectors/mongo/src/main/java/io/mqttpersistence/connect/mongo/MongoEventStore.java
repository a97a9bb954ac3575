package io.mqttpersistence.connect.mongo;

import com.mongodb.client.MongoClient;
import io.mqttpersistence.connect.common.batch.OpPlanner;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Mongo connector's writer: plans a batch's ops, gathers them into as few bulk writes and
 * queries as order allows (a bulk per collection between lookups, a query per run of lookups), and
 * runs them. There are no transactions: every write is idempotent, so a batch that fails is simply
 * written again; the events a bulk write blames alone go to the dead-letter queue.
 */
final class MongoEventStore implements EventStore<MongoAction> {
  private final MongoClient client;
  private final MongoWrites writes;
  private final MongoLookups lookups;

  MongoEventStore(MongoClient client, MongoWrites writes, MongoLookups lookups) {
    this.client = client;
    this.writes = writes;
    this.lookups = lookups;
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<MongoAction>> events) throws StoreException {
    MongoPlan plan = new MongoPlan();
    Map<Integer, String> unplanned =
        RoutedEvents.planEachIndexed(
            events,
            (index, event, action) -> {
              plan.startEvent(index);
              action.plan(event, plan);
            });
    List<MongoOp> ops = new ArrayList<>();
    boolean stores = false;
    for (MongoOp op : plan.ops()) {
      if (!unplanned.containsKey(op.event())) { // an event that failed planning runs nothing
        ops.add(op);
        stores |= op instanceof MongoOp.InsertMessage;
      }
    }
    if (stores) {
      ops.add(new MongoOp.ResolvePending(events.size()));
    }
    MongoWrites.BatchState state = new MongoWrites.BatchState();
    state.bad.putAll(unplanned);
    Map<Integer, LookupReply> replies = new TreeMap<>();
    for (List<MongoOp> group : OpPlanner.plan(ops)) {
      run(group, state, replies);
    }
    List<LookupReply> answered = new ArrayList<>(replies.values());
    if (!state.bad.isEmpty()) {
      // Unordered bulks ran every other op, ordered ones were resumed past each failure: the rest
      // of the batch has landed.
      throw new StoreException(
          state.bad.size() + " events of the batch failed", state.bad, answered);
    }
    return answered;
  }

  @SuppressWarnings("unchecked")
  private void run(
      List<MongoOp> group, MongoWrites.BatchState state, Map<Integer, LookupReply> replies)
      throws StoreException {
    MongoOp first = group.get(0);
    if (first instanceof MongoOp.Write) {
      writes.writes((List<MongoOp.Write>) (List<?>) group, state);
    } else if (first instanceof MongoOp.InsertMessage) {
      writes.inserts((List<MongoOp.InsertMessage>) (List<?>) group, state);
    } else if (first instanceof MongoOp.Ack) {
      writes.acks((List<MongoOp.Ack>) (List<?>) group, state);
    } else if (first instanceof MongoOp.ResolvePending) {
      writes.resolvePending(state);
    } else {
      lookups.run((List<MongoOp.Lookup>) (List<?>) group, replies);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
