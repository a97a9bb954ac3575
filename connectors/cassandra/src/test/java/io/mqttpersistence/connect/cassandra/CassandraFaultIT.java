package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.FaultSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;

class CassandraFaultIT extends FaultSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new CassandraStore(CassandraTestServer.nodes());
  }

  /** The driver connects to the node addresses the cluster reports, past a proxy. */
  @Override
  protected boolean clientsStayOnTheGivenAddress() {
    return false;
  }
}
