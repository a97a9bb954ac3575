package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.FaultSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class PgsqlFaultIT extends FaultSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new SqlStore(PgsqlTarget.INSTANCE);
  }
}
