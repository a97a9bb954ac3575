package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.InputFormatsSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class MongoInputFormatsIT extends InputFormatsSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new MongoStore(MongoTestServer.shared());
  }
}
