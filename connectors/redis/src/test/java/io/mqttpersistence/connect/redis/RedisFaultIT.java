package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.FaultSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class RedisFaultIT extends FaultSuite {
  // Database 12: its own, so other Redis tests' flushes do not race with this one.
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new RedisStore(System.getProperty("it.redis.server", "127.0.0.1:6379"), 12);
  }
}
