package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.InputFormatsSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class RedisInputFormatsIT extends InputFormatsSuite {
  /** A database of its own, so that the other Redis tests' flushes do not race with this one. */
  private static final int DATABASE = 11;

  @Override
  protected StoreUnderTest createStore() {
    return new RedisStore(System.getProperty("it.redis.server", "127.0.0.1:6379"), DATABASE);
  }
}
