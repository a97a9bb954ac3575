package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.WorkerKillSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class PgsqlWorkerKillIT extends WorkerKillSuite {
  @Override
  protected StoreUnderTest createStore() throws Exception {
    return new SqlStore(PgsqlTarget.INSTANCE);
  }
}
