package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.common.testing.TlsSuite;
import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlStore;
import java.util.Map;

/** An embedded PostgreSQL with ssl=on; the connector verifies it with sslmode=verify-full. */
class PgsqlTlsIT extends TlsSuite {
  @Override
  protected StoreUnderTest startTlsStore(TestCertificates certificates) throws Exception {
    RestartableServer server = PgsqlTarget.startTlsServer(certificates);
    return RestartableStore.of(
        new SqlStore(PgsqlTarget.INSTANCE.withServer(server.server())),
        server::stop,
        server::start,
        server);
  }

  @Override
  protected Map<String, String> tlsOn() {
    return Map.of("pgsql.ssl", "true", "pgsql.ssl.mode", "verify-full");
  }

  @Override
  protected Map<String, String> trusting(TestCertificates ca) {
    return Map.of("pgsql.ssl.rootcert", ca.caPem().toString());
  }

  @Override
  protected String trustKey() {
    return "pgsql.ssl.rootcert";
  }
}
