package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.WorkerKillSuite;

class MongoWorkerKillIT extends WorkerKillSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new MongoStore(MongoTestServer.shared());
  }
}
