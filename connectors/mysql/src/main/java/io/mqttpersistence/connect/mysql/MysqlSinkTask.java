package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.EventSinkTask;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.SqlAction;

/** Writes each batch of broker events to MySQL in one transaction. */
public final class MysqlSinkTask extends EventSinkTask<SqlAction, MysqlSinkConfig> {
  @Override
  protected SinkDefinition<SqlAction, MysqlSinkConfig> definition() {
    return MysqlSinkConnector.DEFINITION;
  }
}
