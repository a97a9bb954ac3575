package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.common.testing.TlsSuite;
import java.util.Map;

/** The in-JVM server speaking only TLS; the test reads back over TLS too. */
class MongoTlsIT extends TlsSuite {
  @Override
  protected StoreUnderTest startTlsStore(TestCertificates certificates) throws Exception {
    MongoTestServer server = MongoTestServer.tls(certificates);
    return RestartableStore.of(new MongoStore(server), () -> {}, () -> {}, server);
  }

  @Override
  protected Map<String, String> tlsOn() {
    return Map.of("mongo.ssl", "true");
  }

  @Override
  protected Map<String, String> trusting(TestCertificates ca) {
    return Map.of(
        "mongo.ssl.truststore",
        ca.truststore().toString(),
        "mongo.ssl.truststore.password",
        TestCertificates.STORE_PASSWORD);
  }

  @Override
  protected String trustKey() {
    return "mongo.ssl.truststore";
  }
}
