package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.testing.DockerStackSuite;

class MongoDockerStackTest extends DockerStackSuite {
  @Override
  protected String connectorName() {
    return "mongo";
  }

  @Override
  protected EventSinkConnector<?, ?> connector() {
    return new MongoSinkConnector();
  }
}
