package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.event.BrokerEvent;

/** A compiled hook action of the Redis connector: a built-in function or raw {@code commands}. */
interface RedisAction {

  /**
   * Adds this action's commands for one event to the batch being built.
   *
   * @throws io.mqttpersistence.connect.common.event.MalformedEventException when the event lacks
   *     what the action needs
   */
  void plan(BrokerEvent event, RedisPlan plan);

  /** Whether the action answers on the lookup reply topic. */
  default boolean isLookup() {
    return false;
  }
}
