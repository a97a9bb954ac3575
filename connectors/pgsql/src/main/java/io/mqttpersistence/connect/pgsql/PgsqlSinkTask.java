package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.EventSinkTask;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.SqlAction;

/** Writes each batch of broker events to PostgreSQL in one transaction. */
public final class PgsqlSinkTask extends EventSinkTask<SqlAction, PgsqlSinkConfig> {
  @Override
  protected SinkDefinition<SqlAction, PgsqlSinkConfig> definition() {
    return PgsqlSinkConnector.DEFINITION;
  }
}
