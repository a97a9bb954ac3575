package io.mqttpersistence.connect.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.common.testing.RestartableStore;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.common.testing.TlsSuite;
import java.util.Map;

/** A redis-server of the test's own with a TLS port (Debian's Redis is built with TLS). */
class RedisTlsIT extends TlsSuite {
  @Override
  protected StoreUnderTest startTlsStore(TestCertificates certificates) throws Exception {
    assumeTrue(LocalRedis.installed(), "redis-server is not installed");
    LocalRedis redis = LocalRedis.tls(certificates);
    RedisStore store = new RedisStore(redis.addresses().get(0), redis.addresses().get(1), 0);
    return RestartableStore.of(store, () -> {}, () -> {}, redis);
  }

  @Override
  protected Map<String, String> tlsOn() {
    return Map.of("redis.ssl", "true");
  }

  @Override
  protected Map<String, String> trusting(TestCertificates ca) {
    return Map.of(
        "redis.ssl.truststore",
        ca.truststore().toString(),
        "redis.ssl.truststore.password",
        TestCertificates.STORE_PASSWORD);
  }

  @Override
  protected String trustKey() {
    return "redis.ssl.truststore";
  }
}
