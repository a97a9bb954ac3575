package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.InputFormatsSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class CassandraInputFormatsIT extends InputFormatsSuite {
  @Override
  protected StoreUnderTest createStore() {
    return new CassandraStore(CassandraTestServer.nodes());
  }
}
