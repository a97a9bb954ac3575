package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.event.BrokerEvent;

/** A compiled hook action of the Cassandra connector: a built-in function or CQL statements. */
interface CassandraAction {

  /**
   * Adds this action's ops for one event.
   *
   * @throws io.mqttpersistence.connect.common.event.MalformedEventException when the event lacks
   *     what the action needs
   */
  void plan(BrokerEvent event, CassandraPlan plan);

  default boolean isLookup() {
    return false;
  }
}
