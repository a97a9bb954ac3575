package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.testing.DockerStackSuite;

class CassandraDockerStackTest extends DockerStackSuite {
  @Override
  protected String connectorName() {
    return "cassandra";
  }

  @Override
  protected EventSinkConnector<?, ?> connector() {
    return new CassandraSinkConnector();
  }
}
