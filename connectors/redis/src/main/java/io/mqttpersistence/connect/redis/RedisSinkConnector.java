package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import org.apache.kafka.connect.connector.Task;

/** Persists MQTT broker events into Redis as EMQX's redis backend did. */
public final class RedisSinkConnector extends EventSinkConnector<RedisAction, RedisSinkConfig> {
  static final RedisDefinition DEFINITION = new RedisDefinition();

  @Override
  protected SinkDefinition<RedisAction, RedisSinkConfig> definition() {
    return DEFINITION;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RedisSinkTask.class;
  }
}
