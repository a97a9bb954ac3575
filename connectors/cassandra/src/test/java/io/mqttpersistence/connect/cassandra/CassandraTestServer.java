package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Cassandra the tests talk to: the cluster {@code -Dit.cassandra.nodes} names (datacenter
 * {@code -Dit.cassandra.datacenter}, default datacenter1), else one real Cassandra 5.0 started from
 * the cassandra-all artifact in a child JVM, shared by every test of this JVM. Tests keep apart by
 * keyspace.
 */
final class CassandraTestServer {
  private static final String GIVEN = System.getProperty("it.cassandra.nodes", "").trim();
  static final String DATACENTER = System.getProperty("it.cassandra.datacenter", "datacenter1");

  private CassandraTestServer() {}

  static boolean usesGivenCluster() {
    return !GIVEN.isEmpty();
  }

  /** host:port of the shared cluster's contact point(s). */
  static String nodes() {
    return usesGivenCluster() ? GIVEN : LocalCassandra.shared().contactPoint();
  }

  static String freshKeyspace() {
    return "mqttp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The keys that point the connector at {@code keyspace} of the cluster at {@code nodes}. */
  static Map<String, String> connection(String nodes, String keyspace) {
    return Map.of(
        "cassandra.nodes", nodes,
        "cassandra.keyspace", keyspace,
        "cassandra.local_datacenter", DATACENTER);
  }

  /** A session of the test's own, on no keyspace. */
  static CqlSession session(String nodes) {
    var b =
        CqlSession.builder()
            .withLocalDatacenter(DATACENTER)
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    // Schema changes (DROP KEYSPACE) take seconds on a busy 2-core machine.
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                    .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
                    .build());
    for (InetSocketAddress n : CassandraSinkConfig.parseNodes(List.of(nodes.split(",", -1)))) {
      b = b.addContactPoint(new InetSocketAddress(n.getHostString(), n.getPort()));
    }
    return b.build();
  }
}
