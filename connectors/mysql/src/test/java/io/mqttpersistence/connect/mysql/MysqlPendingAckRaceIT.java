package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import io.mqttpersistence.connect.jdbc.SqlAction;
import io.mqttpersistence.connect.jdbc.testing.PendingAckRaceSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;

class MysqlPendingAckRaceIT extends PendingAckRaceSuite {
  @Override
  protected SqlTestDatabase createDatabase() {
    return MysqlTestDatabase.create();
  }

  @Override
  protected String prefix() {
    return "mysql";
  }

  @Override
  protected SinkDefinition<SqlAction, ? extends JdbcSinkConfig> definition() {
    return MysqlSinkConnector.DEFINITION;
  }
}
