package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import org.apache.kafka.connect.connector.Task;

/** Persists MQTT broker events into Cassandra as EMQX's Cassandra backend did. */
public final class CassandraSinkConnector
    extends EventSinkConnector<CassandraAction, CassandraSinkConfig> {
  static final SinkDefinition<CassandraAction, CassandraSinkConfig> DEFINITION =
      new CassandraDefinition();

  @Override
  protected SinkDefinition<CassandraAction, CassandraSinkConfig> definition() {
    return DEFINITION;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CassandraSinkTask.class;
  }
}
