package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import io.mqttpersistence.connect.jdbc.SqlAction;
import io.mqttpersistence.connect.jdbc.testing.PendingAckRaceSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;

class PgsqlPendingAckRaceIT extends PendingAckRaceSuite {
  @Override
  protected SqlTestDatabase createDatabase() {
    return PgsqlTestDatabase.create();
  }

  @Override
  protected String prefix() {
    return "pgsql";
  }

  @Override
  protected SinkDefinition<SqlAction, ? extends JdbcSinkConfig> definition() {
    return PgsqlSinkConnector.DEFINITION;
  }
}
