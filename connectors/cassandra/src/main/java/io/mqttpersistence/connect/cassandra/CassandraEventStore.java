package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.mqttpersistence.connect.common.batch.OpPlanner;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Cassandra connector's writer: plans a batch's ops, sends all the writes between two lookups
 * at once (they commute: each carries its own write time), runs each run of lookups concurrently
 * once the writes before it are acknowledged, and returns only when everything is stored. There are
 * no transactions and none are needed: a batch that fails transiently is written again and lands
 * the same cells with the same times; events whose data fails go alone to the dead-letter queue.
 */
final class CassandraEventStore implements EventStore<CassandraAction> {
  private final CqlSession session;
  private final CassandraWrites writes;
  private final CassandraLookups lookups;
  private final ExecutorService lookupThreads;

  CassandraEventStore(
      CqlSession session, CassandraWrites writes, CassandraLookups lookups, int lookupThreads) {
    this.session = session;
    this.writes = writes;
    this.lookups = lookups;
    this.lookupThreads =
        Executors.newFixedThreadPool(
            lookupThreads,
            r -> {
              Thread t = new Thread(r, "cassandra-lookup");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<CassandraAction>> events) throws StoreException {
    CassandraPlan plan = new CassandraPlan();
    Map<Integer, String> bad =
        new LinkedHashMap<>(
            RoutedEvents.planEachIndexed(
                events,
                (index, event, action) -> {
                  plan.startEvent(index);
                  action.plan(event, plan);
                }));
    Map<Integer, LookupReply> replies = new TreeMap<>();
    for (List<CassandraOp> group : OpPlanner.plan(plan.ops())) {
      Throwable failure;
      if (group.get(0) instanceof CassandraOp.Write) {
        @SuppressWarnings("unchecked")
        List<CassandraOp.Write> ws = (List<CassandraOp.Write>) (List<?>) group;
        failure = writes.run(ws, bad);
      } else {
        @SuppressWarnings("unchecked")
        List<CassandraOp.Lookup> ls = (List<CassandraOp.Lookup>) (List<?>) group;
        failure = lookup(ls, bad, replies);
      }
      if (failure != null) {
        throw new StoreException(
            "Cassandra is unavailable: " + CassandraErrors.reason(failure), failure, true);
      }
    }
    List<LookupReply> answered = new ArrayList<>(replies.values());
    if (!bad.isEmpty()) {
      throw new StoreException(bad.size() + " events of the batch failed", bad, answered);
    }
    return answered;
  }

  /** Runs a group of lookups at once; returns the first transient failure, or null. */
  private Throwable lookup(
      List<CassandraOp.Lookup> group, Map<Integer, String> bad, Map<Integer, LookupReply> out) {
    List<Future<List<LookupReply>>> running = new ArrayList<>();
    for (CassandraOp.Lookup l : group) {
      running.add(bad.containsKey(l.event()) ? null : lookupThreads.submit(() -> lookups.run(l)));
    }
    Throwable transientFailure = null;
    for (int i = 0; i < group.size(); i++) {
      Future<List<LookupReply>> f = running.get(i);
      if (f == null) {
        continue;
      }
      CassandraOp.Lookup l = group.get(i);
      try {
        for (LookupReply r : f.get()) {
          out.put(l.seq(), r);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        transientFailure = e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (CassandraErrors.isTransient(cause)) {
          transientFailure = transientFailure == null ? cause : transientFailure;
        } else {
          bad.putIfAbsent(l.event(), CassandraErrors.reason(cause));
        }
      }
    }
    return transientFailure;
  }

  @Override
  public void close() {
    lookupThreads.shutdownNow();
    session.close();
  }
}
