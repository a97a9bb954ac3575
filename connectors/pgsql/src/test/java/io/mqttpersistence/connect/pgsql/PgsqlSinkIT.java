package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class PgsqlSinkIT extends SqlSinkFeatureSuite {
  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE;
  }
}
