package io.mqttpersistence.connect.common.batch;

import java.util.Set;

/**
 * One unit of work an action produces for one event. The planner uses three facts about it to batch
 * safely: which statement it is (ops of one statement can go in one round trip), what it touches
 * (ops on disjoint resources commute), and which row it upserts (a multi-row upsert must not hit a
 * row twice).
 */
public interface Op {
  /** Ops with equal non-null keys may run as one batch; null means the op runs alone. */
  Object batchKey();

  /** Tables, collections or key spaces read or written; empty means "anything" (a barrier). */
  Set<String> resources();

  /** The row this op upserts, or null when it may share a batch with ops on the same row. */
  default Object rowKey() {
    return null;
  }
}
