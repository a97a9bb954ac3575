package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.DatabaseRestartSuite;
import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import org.junit.jupiter.api.Assumptions;

/** A Cassandra of the test's own, stopped (SIGTERM) mid-stream and started again on its data. */
class CassandraRestartIT extends DatabaseRestartSuite {
  @Override
  protected RestartableStore createStore() {
    Assumptions.assumeFalse(
        CassandraTestServer.usesGivenCluster(), "a given cluster is not ours to restart");
    LocalCassandra server = LocalCassandra.create("512m");
    server.start();
    return RestartableStore.of(
        new CassandraStore(server.contactPoint()), server::stop, server::start, server);
  }
}
