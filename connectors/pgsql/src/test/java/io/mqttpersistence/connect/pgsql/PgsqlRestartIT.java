package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

/** A server of the test's own stopped mid-stream and started again with its data. */
class PgsqlRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() throws Exception {
    return SqlStore.onPrivateServer(PgsqlTarget.INSTANCE);
  }
}
