package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.PendingAckRaceSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;

class PgsqlPendingAckRaceIT extends PendingAckRaceSuite {
  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE;
  }
}
