package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreRules;
import java.util.Map;

/** The in-JVM server, on disk, shut down mid-stream and started again on the same port. */
class MongoRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() throws Exception {
    MongoTestServer server = MongoTestServer.restartable();
    MongoStore store = new MongoStore(server);
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
      public Map<String, String> freshStore() {
        return store.freshStore();
      }

      @Override
      public Map<String, String> writeHooks() {
        return store.writeHooks();
      }

      @Override
      public Snapshot snapshot() {
        return store.snapshot();
      }

      @Override
      public StoreRules rules() {
        return store.rules();
      }

      @Override
      public void stopServer() {
        server.stop();
      }

      @Override
      public void startServer() {
        server.start();
      }

      @Override
      public void close() throws Exception {
        store.close();
        server.close();
      }
    };
  }
}
