package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;

/** The in-JVM server, on disk, shut down mid-stream and started again on the same port. */
class MongoRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() throws Exception {
    MongoTestServer server = MongoTestServer.restartable();
    return RestartableStore.of(new MongoStore(server), server::stop, server::start, server);
  }
}
