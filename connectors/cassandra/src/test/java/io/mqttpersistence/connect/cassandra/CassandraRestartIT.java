package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreRules;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** A Cassandra of the test's own, stopped (SIGTERM) mid-stream and started again on its data. */
class CassandraRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() {
    Assumptions.assumeFalse(
        CassandraTestServer.usesGivenCluster(), "a given cluster is not ours to restart");
    LocalCassandra server = LocalCassandra.create("512m");
    server.start();
    CassandraStore store = new CassandraStore(server.contactPoint());
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
      public void close() {
        store.close();
        server.close();
      }
    };
  }
}
