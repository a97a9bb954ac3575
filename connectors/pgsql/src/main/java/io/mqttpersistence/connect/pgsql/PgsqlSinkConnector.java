package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcDefinition;
import io.mqttpersistence.connect.jdbc.SqlAction;
import org.apache.kafka.connect.connector.Task;

/** Persists MQTT broker events into PostgreSQL as EMQX's pgsql backend did. */
public final class PgsqlSinkConnector extends EventSinkConnector<SqlAction, PgsqlSinkConfig> {
  static final SinkDefinition<SqlAction, PgsqlSinkConfig> DEFINITION =
      new JdbcDefinition<>(PgsqlDialect.INSTANCE, PgsqlSinkConfig.CONFIG_DEF, PgsqlSinkConfig::new);

  @Override
  protected SinkDefinition<SqlAction, PgsqlSinkConfig> definition() {
    return DEFINITION;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return PgsqlSinkTask.class;
  }
}
