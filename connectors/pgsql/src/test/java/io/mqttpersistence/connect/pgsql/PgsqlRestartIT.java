package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlRestartSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class PgsqlRestartIT extends SqlRestartSuite {
  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE;
  }
}
