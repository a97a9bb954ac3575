package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Driver sessions as the config describes them, and nothing from files or system properties. */
final class CassandraSessions {
  private CassandraSessions() {}

  /**
   * A session on the configured keyspace, or on none (to create it).
   *
   * @throws com.datastax.oss.driver.api.core.DriverException when no node can be reached
   */
  static CqlSession open(CassandraSinkConfig config, boolean inKeyspace) {
    // The plugin's own class loader: the worker's may not see the driver's reference.conf.
    ClassLoader loader = CassandraSessions.class.getClassLoader();
    Duration timeout = Duration.ofMillis(config.requestTimeoutMs());
    DriverConfigLoader options =
        DriverConfigLoader.programmaticBuilder(loader)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.consistency())
            // Every write carries its write time, so sending it twice changes nothing.
            .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
            .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, config.connectionsPerNode())
            .withInt(DefaultDriverOption.CONNECTION_POOL_REMOTE_SIZE, config.connectionsPerNode())
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(60))
            // After a schema change, refresh metadata at once rather than after the default 1 s.
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
            .withString(DefaultDriverOption.SESSION_NAME, "mqtt-persistence")
            // One session per task: a worker running many tasks is not leaking sessions.
            .withInt(DefaultDriverOption.SESSION_LEAK_THRESHOLD, 0)
            .build();
    CqlSessionBuilder b =
        CqlSession.builder()
            .withClassLoader(loader)
            .withConfigLoader(options)
            .withLocalDatacenter(config.localDatacenter());
    for (InetSocketAddress node : config.nodes()) {
      b = b.addContactPoint(new InetSocketAddress(node.getHostString(), node.getPort()));
    }
    if (config.username() != null) {
      b = b.withAuthCredentials(config.username(), config.password());
    }
    SSLContext ssl = config.sslContext();
    if (ssl != null) {
      // Verifies the host name too, which withSslContext alone does not.
      b = b.withSslEngineFactory(new ProgrammaticSslEngineFactory(ssl, null, true));
    }
    if (inKeyspace) {
      b = b.withKeyspace(CqlIdentifier.fromCql(config.keyspace()));
    }
    return b.build();
  }
}
