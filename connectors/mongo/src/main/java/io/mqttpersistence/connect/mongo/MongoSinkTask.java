package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.connect.EventSinkTask;
import io.mqttpersistence.connect.common.connect.SinkDefinition;

/** Writes each batch of broker events to MongoDB as a few bulk writes. */
public final class MongoSinkTask extends EventSinkTask<MongoAction, MongoSinkConfig> {
  @Override
  protected SinkDefinition<MongoAction, MongoSinkConfig> definition() {
    return MongoSinkConnector.DEFINITION;
  }
}
