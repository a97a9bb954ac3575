package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.PluginZipSuite;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

class RedisPluginZipIT extends PluginZipSuite {
  private static final String SERVER = System.getProperty("it.redis.server", "127.0.0.1:6379");

  /** A database of its own, so that the other Redis tests' flushes do not race with this one. */
  private static final int DATABASE = 10;

  @Override
  protected String connectorName() {
    return "redis";
  }

  @Override
  protected String connectorClass() {
    return RedisSinkConnector.class.getName();
  }

  @Override
  protected List<String> expectedLib() {
    return List.of(
        "mqtt-persistence-redis-${version}.jar",
        "mqtt-persistence-common-${version}.jar",
        "avro-1.12.0.jar",
        "jedis-8.0.2.jar",
        "commons-pool2-2.13.1.jar",
        "gson-2.14.0.jar",
        "json-20260719.jar",
        "redis-authx-core-0.1.1-beta2.jar",
        "error_prone_annotations-2.48.0.jar",
        "jackson-annotations-2.19.2.jar",
        "jackson-core-2.19.2.jar",
        "jackson-databind-2.19.2.jar");
  }

  @Override
  protected Map<String, String> connection() {
    return Map.of("redis.server", SERVER, "redis.database", Integer.toString(DATABASE));
  }

  @Override
  protected boolean clientOnline(String clientid) {
    String[] hp = SERVER.split(":", -1);
    try (Jedis j = new Jedis(hp[0], Integer.parseInt(hp[1]))) {
      j.select(DATABASE);
      return "1".equals(j.hget("mqtt:client:" + clientid, "state"));
    }
  }
}
