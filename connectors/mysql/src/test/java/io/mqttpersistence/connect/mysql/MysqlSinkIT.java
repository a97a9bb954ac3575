package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class MysqlSinkIT extends SqlSinkFeatureSuite {
  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE;
  }
}
