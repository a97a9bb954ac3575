package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.testing.FaultSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class MysqlFaultIT extends FaultSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new SqlStore(MysqlTarget.INSTANCE);
  }
}
