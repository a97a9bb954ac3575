package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import org.apache.kafka.connect.connector.Task;

/** Persists MQTT broker events into MongoDB as EMQX's Mongo backend did. */
public final class MongoSinkConnector extends EventSinkConnector<MongoAction, MongoSinkConfig> {
  static final SinkDefinition<MongoAction, MongoSinkConfig> DEFINITION = new MongoDefinition();

  @Override
  protected SinkDefinition<MongoAction, MongoSinkConfig> definition() {
    return DEFINITION;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MongoSinkTask.class;
  }
}
