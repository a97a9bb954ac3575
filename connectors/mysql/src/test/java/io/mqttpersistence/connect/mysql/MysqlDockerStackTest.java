package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.testing.DockerStackSuite;

class MysqlDockerStackTest extends DockerStackSuite {
  @Override
  protected String connectorName() {
    return "mysql";
  }

  @Override
  protected EventSinkConnector<?, ?> connector() {
    return new MysqlSinkConnector();
  }
}
