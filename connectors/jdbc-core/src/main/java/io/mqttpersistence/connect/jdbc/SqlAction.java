package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.event.BrokerEvent;

/** A compiled hook action of a SQL connector: a built-in function or raw {@code sql} statements. */
public interface SqlAction {

  /**
   * Adds this action's work for one event to the batch being built.
   *
   * @throws io.mqttpersistence.connect.common.event.MalformedEventException when the event lacks
   *     what the action needs (e.g. a message id)
   */
  void plan(BrokerEvent event, SqlPlan plan);

  /** Whether the action answers on the lookup reply topic. */
  default boolean isLookup() {
    return false;
  }
}
