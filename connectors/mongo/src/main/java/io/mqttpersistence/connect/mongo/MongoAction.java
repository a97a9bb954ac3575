package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.event.BrokerEvent;

/** A compiled hook action of the Mongo connector: a built-in function or document templates. */
interface MongoAction {

  /**
   * Adds this action's ops for one event.
   *
   * @throws io.mqttpersistence.connect.common.event.MalformedEventException when the event lacks
   *     what the action needs
   */
  void plan(BrokerEvent event, MongoPlan plan);

  default boolean isLookup() {
    return false;
  }
}
