package io.mqttpersistence.connect.cassandra;

import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole end-to-end suite against the cassandra:5 image, where a Docker engine runs; skipped
 * without one. Without Docker, {@code -Dit.cassandra.nodes} runs the same suite against any
 * cluster, and by default it runs against a Cassandra from the cassandra-all artifact.
 */
@Testcontainers(disabledWithoutDocker = true)
class CassandraOnDockerIT extends CassandraSinkIT {
  @Container
  private static final CassandraContainer CASSANDRA = new CassandraContainer("cassandra:5.0.6");

  @Override
  String nodes() {
    return CASSANDRA.getHost() + ":" + CASSANDRA.getMappedPort(9042);
  }
}
