package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcDefinition;
import io.mqttpersistence.connect.jdbc.SqlAction;
import org.apache.kafka.connect.connector.Task;

/** Persists MQTT broker events into MySQL or MariaDB as EMQX's mysql backend did. */
public final class MysqlSinkConnector extends EventSinkConnector<SqlAction, MysqlSinkConfig> {
  static final SinkDefinition<SqlAction, MysqlSinkConfig> DEFINITION =
      new JdbcDefinition<>(MysqlDialect.INSTANCE, MysqlSinkConfig.CONFIG_DEF, MysqlSinkConfig::new);

  @Override
  protected SinkDefinition<SqlAction, MysqlSinkConfig> definition() {
    return DEFINITION;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MysqlSinkTask.class;
  }
}
