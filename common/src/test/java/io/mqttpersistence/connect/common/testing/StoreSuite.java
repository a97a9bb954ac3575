package io.mqttpersistence.connect.common.testing;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A suite written once for every connector: each test gets a store of its own ({@link
 * #createStore}, closed after the test) on the class's shared Connect worker.
 */
public abstract class StoreSuite extends EmbeddedConnectSuite {
  protected StoreUnderTest store;

  protected abstract StoreUnderTest createStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  /** A connector on {@code topics} with {@code tasks} tasks, writing to a fresh store. */
  protected Map<String, String> config(String topics, int tasks) throws Exception {
    Map<String, String> cfg = TestConfigs.base(store.connectorClass(), topics, tasks);
    cfg.putAll(store.freshStore());
    cfg.putAll(store.writeHooks());
    return cfg;
  }
}
