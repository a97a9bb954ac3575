package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Sends a group of writes at once: all asynchronous, at most {@code max_concurrent_requests} in
 * flight, rows of one partition together in small unlogged batches (one mutation, one round trip),
 * and returns when every write is acknowledged. A write that fails on its data is blamed on its
 * event (a failed batch is retried statement by statement to find which); a transient failure fails
 * the group, and the whole batch is written again, which its write times make harmless.
 */
final class CassandraWrites {
  /** Keeps unlogged batches far below Cassandra's 5 KiB warning and 50 KiB failure thresholds. */
  private static final int BATCH_STATEMENTS = 16;

  private static final int BATCH_BYTES = 4096;

  private final CqlSession session;
  private final PreparedStatements prepared;
  private final Semaphore inFlight;

  CassandraWrites(CqlSession session, PreparedStatements prepared, int maxConcurrentRequests) {
    this.session = session;
    this.prepared = prepared;
    this.inFlight = new Semaphore(maxConcurrentRequests);
  }

  /** One request: a statement, or a batch of one partition's, and the writes it carries. */
  private static final class Request {
    final List<CassandraOp.Write> writes = new ArrayList<>();
    final List<BoundStatement> statements = new ArrayList<>();
    int bytes;
    volatile Throwable failure;

    Statement<?> statement() {
      return statements.size() == 1
          ? statements.get(0)
          : BatchStatement.newInstance(DefaultBatchType.UNLOGGED)
              .addAll(statements)
              .setIdempotent(true);
    }
  }

  /**
   * Runs the group; data errors land in {@code bad} by event.
   *
   * @return the first transient failure, or null when every write landed or was blamed
   */
  Throwable run(List<CassandraOp.Write> group, Map<Integer, String> bad) {
    List<Request> requests = new ArrayList<>();
    Map<String, Request> openBatches = new LinkedHashMap<>();
    for (CassandraOp.Write w : group) {
      if (bad.containsKey(w.event())) {
        continue;
      }
      BoundStatement bound;
      try {
        bound = bind(w);
      } catch (IllegalArgumentException dataError) {
        bad.putIfAbsent(w.event(), dataError.getMessage());
        continue;
      } catch (RuntimeException e) {
        if (CassandraErrors.isTransient(e)) {
          return e; // preparing needs a node
        }
        bad.putIfAbsent(w.event(), CassandraErrors.reason(e));
        continue;
      }
      int bytes = size(w);
      Request r = w.partition() == null ? null : openBatches.get(w.partition());
      if (r == null || r.statements.size() >= BATCH_STATEMENTS || r.bytes + bytes > BATCH_BYTES) {
        r = new Request();
        requests.add(r);
        if (w.partition() != null) {
          openBatches.put(w.partition(), r);
        }
      }
      r.writes.add(w);
      r.statements.add(bound);
      r.bytes += bytes;
    }
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (Request r : requests) {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        awaitAll(pending);
        return e;
      }
      pending.add(
          session
              .executeAsync(r.statement())
              .toCompletableFuture()
              .whenComplete(
                  (rs, t) -> {
                    inFlight.release();
                    r.failure = t;
                  }));
    }
    awaitAll(pending);
    Throwable transientFailure = null;
    for (Request r : requests) {
      if (r.failure == null) {
        continue;
      }
      if (CassandraErrors.isTransient(r.failure)) {
        transientFailure = transientFailure == null ? r.failure : transientFailure;
      } else if (r.writes.size() == 1) {
        bad.putIfAbsent(r.writes.get(0).event(), CassandraErrors.reason(r.failure));
      } else {
        Throwable t = oneByOne(r, bad);
        transientFailure = transientFailure == null ? t : transientFailure;
      }
    }
    return transientFailure;
  }

  private BoundStatement bind(CassandraOp.Write w) {
    BoundStatement b = prepared.bind(w.cql(), w.values());
    return w.queryTimestamp() == null ? b : b.setQueryTimestamp(w.queryTimestamp());
  }

  /** A batch failed on data: each of its writes alone tells which event is to blame. */
  private Throwable oneByOne(Request r, Map<Integer, String> bad) {
    for (int i = 0; i < r.writes.size(); i++) {
      try {
        session.execute(r.statements.get(i));
      } catch (RuntimeException e) {
        if (CassandraErrors.isTransient(e)) {
          return e;
        }
        bad.putIfAbsent(r.writes.get(i).event(), CassandraErrors.reason(e));
      }
    }
    return null;
  }

  private static void awaitAll(List<CompletableFuture<?>> pending) {
    for (CompletableFuture<?> f : pending) {
      try {
        f.join();
      } catch (RuntimeException recordedOnItsRequest) {
        // whenComplete stored the failure
      }
    }
  }

  private static int size(CassandraOp.Write w) {
    int n = 0;
    for (Object v : w.values()) {
      n += v instanceof byte[] b ? b.length : v instanceof String s ? s.length() : 8;
    }
    return n;
  }
}
