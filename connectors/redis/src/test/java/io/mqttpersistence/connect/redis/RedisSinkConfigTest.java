package io.mqttpersistence.connect.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisSinkConfigTest {

  @Test
  void serversTakeTheDefaultPort() {
    RedisSinkConfig config =
        new RedisSinkConfig(Map.of("redis.type", "cluster", "redis.server", "a, b:7001"));
    assertThat(config.servers())
        .containsExactly(new HostAndPort("a", 6379), new HostAndPort("b", 7001));
    assertThat(config.describe()).isEqualTo("cluster [a, b:7001]");
  }

  @Test
  void sentinelNeedsAMasterNameAndAClusterHasOnlyDatabaseZero() {
    assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.type", "sentinel")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.sentinel");
    assertThat(
            new RedisSinkConfig(Map.of("redis.type", "sentinel", "redis.sentinel", "mymaster"))
                .describe())
        .isEqualTo("sentinel [127.0.0.1:6379] master mymaster");
    assertThatThrownBy(
            () -> new RedisSinkConfig(Map.of("redis.type", "cluster", "redis.database", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database 0");
  }

  @Test
  void waitingForReplicasIsForSingleAndSentinelDeployments() {
    assertThat(new RedisSinkConfig(Map.of("redis.wait.replicas", "1")).waitReplicas()).isEqualTo(1);
    assertThatThrownBy(
            () -> new RedisSinkConfig(Map.of("redis.type", "cluster", "redis.wait.replicas", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.wait.replicas");
  }

  @Test
  void passwordsStayHidden() {
    RedisSinkConfig config = new RedisSinkConfig(Map.of("redis.password", "hunter2"));
    assertThat(config.values().get("redis.password").toString()).doesNotContain("hunter2");
    assertThat(config.describe()).doesNotContain("hunter2");
    assertThat(config.password()).isEqualTo("hunter2");
    assertThat(new RedisSinkConfig(Map.of("redis.password", "")).password()).isNull();
  }
}
