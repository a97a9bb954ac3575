package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlRestartSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class MysqlRestartIT extends SqlRestartSuite {
  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE;
  }
}
