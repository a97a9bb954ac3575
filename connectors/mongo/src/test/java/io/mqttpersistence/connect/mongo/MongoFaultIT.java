package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.FaultSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class MongoFaultIT extends FaultSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new MongoStore(MongoTestServer.shared());
  }
}
