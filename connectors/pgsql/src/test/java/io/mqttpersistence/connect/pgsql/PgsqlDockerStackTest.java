package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.testing.DockerStackSuite;

class PgsqlDockerStackTest extends DockerStackSuite {
  @Override
  protected String connectorName() {
    return "pgsql";
  }

  @Override
  protected EventSinkConnector<?, ?> connector() {
    return new PgsqlSinkConnector();
  }
}
