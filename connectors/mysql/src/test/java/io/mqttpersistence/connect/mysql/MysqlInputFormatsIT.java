package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.testing.InputFormatsSuite;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;

class MysqlInputFormatsIT extends InputFormatsSuite {
  @Override
  protected StoreUnderTest createStore() {
    return new SqlStore(MysqlTarget.INSTANCE);
  }
}
