package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.common.testing.TlsSuite;
import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;
import java.util.Map;

/** A private mariadbd with a TLS certificate; the connector verifies it with VERIFY_IDENTITY. */
class MysqlTlsIT extends TlsSuite {
  @Override
  protected StoreUnderTest startTlsStore(TestCertificates certificates) throws Exception {
    RestartableServer server = MysqlTarget.startTlsServer(certificates);
    return RestartableStore.of(
        new SqlStore(MysqlTarget.INSTANCE.withServer(server.server())),
        server::stop,
        server::start,
        server);
  }

  @Override
  protected Map<String, String> tlsOn() {
    return Map.of("mysql.ssl", "true", "mysql.ssl.mode", "VERIFY_IDENTITY");
  }

  @Override
  protected Map<String, String> trusting(TestCertificates ca) {
    return Map.of(
        "mysql.ssl.truststore",
        ca.truststore().toString(),
        "mysql.ssl.truststore.password",
        TestCertificates.STORE_PASSWORD);
  }

  @Override
  protected String trustKey() {
    return "mysql.ssl.truststore";
  }
}
