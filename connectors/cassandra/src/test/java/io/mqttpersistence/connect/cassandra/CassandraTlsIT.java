package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.common.testing.TlsSuite;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import java.util.Map;

/**
 * A Cassandra of the test's own whose CQL port speaks TLS (client_encryption_options); it serves
 * plain clients on the same port too, which is how the test reads back.
 */
class CassandraTlsIT extends TlsSuite {
  @Override
  protected StoreUnderTest startTlsStore(TestCertificates certificates) {
    LocalCassandra server =
        LocalCassandra.create("512m")
            .withClientTls(certificates.serverKeystore(), TestCertificates.STORE_PASSWORD);
    server.start();
    return RestartableStore.of(
        new CassandraStore(server.contactPoint()), server::stop, server::start, server);
  }

  @Override
  protected Map<String, String> tlsOn() {
    return Map.of("cassandra.ssl", "true");
  }

  @Override
  protected Map<String, String> trusting(TestCertificates ca) {
    return Map.of(
        "cassandra.ssl.truststore",
        ca.truststore().toString(),
        "cassandra.ssl.truststore.password",
        TestCertificates.STORE_PASSWORD);
  }

  @Override
  protected String trustKey() {
    return "cassandra.ssl.truststore";
  }
}
