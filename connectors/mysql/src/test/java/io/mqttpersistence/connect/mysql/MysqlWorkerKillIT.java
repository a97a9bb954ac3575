package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.WorkerKillSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class MysqlWorkerKillIT extends WorkerKillSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new SqlStore(MysqlTarget.INSTANCE);
  }
}
