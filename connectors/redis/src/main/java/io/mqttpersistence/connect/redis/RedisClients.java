package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.TlsStores;
import java.io.File;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;

/** Builds the Jedis client for the configured deployment; all three pipeline the same way. */
final class RedisClients {
  private RedisClients() {}

  static UnifiedJedis open(RedisSinkConfig config) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(0);
    pool.setTestWhileIdle(true);
    return switch (config.type()) {
      case SINGLE ->
          RedisClient.builder()
              .hostAndPort(config.servers().get(0))
              .clientConfig(clientConfig(config, config.database()))
              .poolConfig(pool)
              .build();
      case SENTINEL ->
          RedisSentinelClient.builder()
              .masterName(config.sentinelMaster())
              .sentinels(config.serverSet())
              .clientConfig(clientConfig(config, config.database()))
              .sentinelClientConfig(sentinelConfig(config))
              .poolConfig(pool)
              .build();
      case CLUSTER ->
          RedisClusterClient.builder()
              .nodes(config.serverSet())
              .clientConfig(clientConfig(config, 0))
              .poolConfig(pool)
              .maxAttempts(5)
              // Slot moves (resharding, failover) are seen within this period even when no command
              // fails.
              .topologyRefreshPeriod(Duration.ofSeconds(5))
              .build();
    };
  }

  private static JedisClientConfig clientConfig(RedisSinkConfig config, int database) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            // RESP2 everywhere: the replies' shapes do not depend on the server version (Redis 5
            // has no RESP3).
            .protocol(RedisProtocol.RESP2)
            .clientName("mqtt-persistence")
            .database(database)
            .connectionTimeoutMillis(config.timeoutMs())
            .socketTimeoutMillis(config.timeoutMs());
    withTls(b, config);
    if (config.username() != null) {
      b.user(config.username());
    }
    if (config.password() != null) {
      b.password(config.password());
    }
    return b.build();
  }

  private static JedisClientConfig sentinelConfig(RedisSinkConfig config) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            .clientName("mqtt-persistence")
            .connectionTimeoutMillis(config.timeoutMs())
            .socketTimeoutMillis(config.timeoutMs());
    withTls(b, config);
    if (config.sentinelPassword() != null) {
      b.password(config.sentinelPassword());
    }
    return b.build();
  }

  /**
   * TLS verifying the certificate chain (against redis.ssl.truststore, else the JVM's trust store)
   * and that the certificate names the host connected to.
   */
  private static void withTls(DefaultJedisClientConfig.Builder b, RedisSinkConfig config) {
    if (!config.ssl()) {
      return;
    }
    // Reads the stores once here, so that one that cannot be read fails naming its key.
    TlsStores.context(config, "redis");
    SslOptions.Builder tls = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
    String trust = config.getString("redis.ssl.truststore");
    if (trust != null && !trust.isBlank()) {
      tls.truststore(new File(trust), password(config, "redis.ssl.truststore.password"))
          .trustStoreType(trust.endsWith(".jks") ? "JKS" : "PKCS12");
    }
    String keys = config.getString("redis.ssl.keystore");
    if (keys != null && !keys.isBlank()) {
      tls.keystore(new File(keys), password(config, "redis.ssl.keystore.password"))
          .keyStoreType(keys.endsWith(".jks") ? "JKS" : "PKCS12");
    }
    b.sslOptions(tls.build());
  }

  private static char[] password(RedisSinkConfig config, String key) {
    Password p = config.getPassword(key);
    return p == null ? null : p.value().toCharArray();
  }
}
