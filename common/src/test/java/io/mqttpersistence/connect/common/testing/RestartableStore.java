package io.mqttpersistence.connect.common.testing;

import java.util.Map;

/** A store on a server of the test's own, which it may stop and start again with its data. */
public interface RestartableStore extends StoreUnderTest {
  void stopServer() throws Exception;

  void startServer() throws Exception;

  /** A step that may fail, such as stopping a server. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /**
   * {@code store}, read as it is, on a server that {@code stop} and {@code start} control; closing
   * it closes the store, then the server.
   */
  static RestartableStore of(StoreUnderTest store, Step stop, Step start, AutoCloseable server) {
    return new RestartableStore() {
      @Override
      public String name() {
        return store.name();
      }

      @Override
      public String connectorClass() {
        return store.connectorClass();
      }

      @Override
      public Map<String, String> freshStore() throws Exception {
        return store.freshStore();
      }

      @Override
      public Map<String, String> writeHooks() {
        return store.writeHooks();
      }

      @Override
      public Snapshot snapshot() throws Exception {
        return store.snapshot();
      }

      @Override
      public StoreRules rules() {
        return store.rules();
      }

      @Override
      public void stopServer() throws Exception {
        stop.run();
      }

      @Override
      public void startServer() throws Exception {
        start.run();
      }

      @Override
      public void close() throws Exception {
        try {
          store.close();
        } finally {
          server.close();
        }
      }
    };
  }
}
