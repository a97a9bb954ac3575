package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.InputFormatsSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class PgsqlInputFormatsIT extends InputFormatsSuite {
  @Override
  protected StoreUnderTest createStore() {
    return new SqlStore(PgsqlTarget.INSTANCE);
  }
}
