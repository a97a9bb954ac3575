package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.testing.DockerStackSuite;

class RedisDockerStackTest extends DockerStackSuite {
  @Override
  protected String connectorName() {
    return "redis";
  }

  @Override
  protected EventSinkConnector<?, ?> connector() {
    return new RedisSinkConnector();
  }
}
