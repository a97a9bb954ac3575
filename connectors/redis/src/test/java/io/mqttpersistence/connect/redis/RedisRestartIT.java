package io.mqttpersistence.connect.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;

/** A redis-server of the test's own, with an append-only file, shut down and started again. */
class RedisRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() throws Exception {
    assumeTrue(LocalRedis.installed(), "redis-server is not installed");
    LocalRedis redis = LocalRedis.single();
    return RestartableStore.of(
        new RedisStore(redis.addresses().get(0), 0), redis::stop, redis::start, redis);
  }
}
