package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.WorkerKillSuite;

class RedisWorkerKillIT extends WorkerKillSuite {
  // Database 13: its own, so other Redis tests' flushes do not race with this one.
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new RedisStore(System.getProperty("it.redis.server", "127.0.0.1:6379"), 13);
  }
}
