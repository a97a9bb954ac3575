package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.WorkerKillSuite;

class CassandraWorkerKillIT extends WorkerKillSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new CassandraStore(CassandraTestServer.nodes());
  }
}
