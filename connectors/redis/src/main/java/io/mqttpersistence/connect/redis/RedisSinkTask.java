package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.EventSinkTask;
import io.mqttpersistence.connect.common.connect.SinkDefinition;

/** Writes each batch of broker events to Redis in as few pipelines as its lookups allow. */
public final class RedisSinkTask extends EventSinkTask<RedisAction, RedisSinkConfig> {
  @Override
  protected SinkDefinition<RedisAction, RedisSinkConfig> definition() {
    return RedisSinkConnector.DEFINITION;
  }
}
