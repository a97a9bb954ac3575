package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.connect.EventSinkTask;
import io.mqttpersistence.connect.common.connect.SinkDefinition;

/** Writes each batch of broker events to Cassandra as concurrent, time-stamped writes. */
public final class CassandraSinkTask extends EventSinkTask<CassandraAction, CassandraSinkConfig> {
  @Override
  protected SinkDefinition<CassandraAction, CassandraSinkConfig> definition() {
    return CassandraSinkConnector.DEFINITION;
  }
}
