package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.PendingAckRaceSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class MysqlPendingAckRaceIT extends PendingAckRaceSuite {
  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE;
  }

  @Override
  protected boolean joinsWaitForUncommittedRows() {
    return true;
  }
}
