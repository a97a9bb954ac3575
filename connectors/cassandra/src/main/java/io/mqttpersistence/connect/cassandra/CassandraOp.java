package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.batch.Op;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.OfflineOptions;
import java.util.List;
import java.util.Set;

/**
 * What Cassandra actions produce for one event. Every write carries its own write time, so writes
 * commute: the planner lets all the writes between two lookups go out together, concurrently, and
 * only a lookup waits for the writes before it.
 */
sealed interface CassandraOp extends Op {
  /** The event's place in the batch. */
  int event();

  /**
   * One CQL write. Its values are plain Java values, bound by the column types of the prepared
   * statement when it runs.
   *
   * @param queryTimestamp the write time (µs) sent with the request, for raw statements whose text
   *     has no USING TIMESTAMP; null when the text binds its own
   * @param table what it touches, for ordering against lookups; null when unknown (any table)
   * @param partition the partition key (across tables of the keyspace), when rows of one partition
   *     may share an unlogged batch; null to always run alone
   */
  record Write(
      String cql,
      List<Object> values,
      Long queryTimestamp,
      String table,
      String partition,
      int event)
      implements CassandraOp {
    public Write {
      // Callers pass a fresh list per op (nulls allowed: they bind NULL); not copied again.
      values = java.util.Collections.unmodifiableList(values);
    }

    @Override
    public Object batchKey() {
      return "write";
    }

    @Override
    public Set<String> resources() {
      return table == null ? Set.of() : Set.of(table);
    }
  }

  /**
   * A lookup; lookups of one function with nothing written between them run concurrently.
   *
   * @param seq its place among the batch's ops, which orders the replies
   */
  record Lookup(Kind kind, BrokerEvent source, OfflineOptions offline, int event, int seq)
      implements CassandraOp {
    enum Kind {
      SUBSCRIPTIONS,
      RETAINED,
      FETCH
    }

    @Override
    public Object batchKey() {
      return kind;
    }

    @Override
    public Set<String> resources() {
      return switch (kind) {
        case SUBSCRIPTIONS -> Set.of(CassandraCql.SUB);
        case RETAINED -> Set.of(CassandraCql.RETAIN, CassandraCql.MSG);
        case FETCH -> Set.of(CassandraCql.ACKED, CassandraCql.MSG, CassandraCql.TIMELINE);
      };
    }
  }
}
