package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.TlsStores;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import redis.clients.jedis.HostAndPort;

/**
 * Redis connection keys, named like EMQX's {@code backend.redis.pool1.*}, on top of the shared
 * keys.
 */
public final class RedisSinkConfig extends EventSinkConfig {
  public static final String CONNECTION_GROUP = "Redis connection";

  public static final String TYPE_CONFIG = "redis.type";
  public static final String SERVER_CONFIG = "redis.server";
  public static final String SENTINEL_CONFIG = "redis.sentinel";
  public static final String DATABASE_CONFIG = "redis.database";
  public static final String USERNAME_CONFIG = "redis.username";
  public static final String PASSWORD_CONFIG = "redis.password";
  public static final String SENTINEL_PASSWORD_CONFIG = "redis.sentinel.password";
  public static final String POOL_SIZE_CONFIG = "redis.pool_size";
  public static final String SSL_CONFIG = "redis.ssl";
  public static final String TIMEOUT_CONFIG = "redis.timeout.ms";
  public static final String WAIT_REPLICAS_CONFIG = "redis.wait.replicas";

  /** How the servers are deployed. */
  public enum DeploymentType {
    SINGLE,
    SENTINEL,
    CLUSTER;

    String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  private final List<HostAndPort> servers;

  public RedisSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    servers = parseServers(getList(SERVER_CONFIG));
    if (type() == DeploymentType.SENTINEL && sentinelMaster().isBlank()) {
      throw new ConfigException(
          SENTINEL_CONFIG, "", "the master name is needed when redis.type is sentinel");
    }
    if (type() == DeploymentType.CLUSTER && waitReplicas() > 0) {
      throw new ConfigException(
          WAIT_REPLICAS_CONFIG,
          waitReplicas(),
          "is for single and sentinel deployments (a cluster pipeline spans several masters)");
    }
    if (type() == DeploymentType.CLUSTER && database() != 0) {
      throw new ConfigException(DATABASE_CONFIG, database(), "Redis Cluster has only database 0");
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef(baseConfigDef());
    int order = 0;
    def.define(
        TYPE_CONFIG,
        ConfigDef.Type.STRING,
        "single",
        ConfigDef.ValidString.in("single", "sentinel", "cluster"),
        Importance.HIGH,
        "How Redis is deployed: one server, a master found through sentinels, or a Redis Cluster.",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "Type");
    def.define(
        SERVER_CONFIG,
        ConfigDef.Type.LIST,
        "127.0.0.1:6379",
        serverValidator(),
        Importance.HIGH,
        "host:port of the server (single), of the sentinels (sentinel), or of some cluster nodes (cluster),"
            + " as a comma list.",
        CONNECTION_GROUP,
        ++order,
        Width.LONG,
        "Server");
    def.define(
        SENTINEL_CONFIG,
        ConfigDef.Type.STRING,
        "",
        Importance.MEDIUM,
        "Name of the master the sentinels watch; needed when redis.type is sentinel.",
        CONNECTION_GROUP,
        ++order,
        Width.MEDIUM,
        "Sentinel master name");
    def.define(
        DATABASE_CONFIG,
        ConfigDef.Type.INT,
        0,
        ConfigDef.Range.between(0, 65535),
        Importance.MEDIUM,
        "Database number (single and sentinel; a cluster has only 0).",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "Database");
    def.define(
        USERNAME_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "ACL user name (Redis 6+); unset for the default user.",
        CONNECTION_GROUP,
        ++order,
        Width.MEDIUM,
        "Username");
    def.define(
        PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.HIGH,
        "Password; never logged.",
        CONNECTION_GROUP,
        ++order,
        Width.MEDIUM,
        "Password");
    def.define(
        SENTINEL_PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the sentinels themselves, when they require one.",
        CONNECTION_GROUP,
        ++order,
        Width.MEDIUM,
        "Sentinel password");
    def.define(
        POOL_SIZE_CONFIG,
        ConfigDef.Type.INT,
        8,
        ConfigDef.Range.between(1, 1024),
        Importance.MEDIUM,
        "Maximum connections per task (per node in a cluster). A task sends one pipeline at a time.",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "Pool size");
    def.define(
        SSL_CONFIG,
        ConfigDef.Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Connect over TLS, verifying the server's certificate and host name against "
            + "redis.ssl.truststore, or the JVM's trust store when that is unset.",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "SSL");
    order = TlsStores.define(def, "redis", CONNECTION_GROUP, ++order) - 1;
    def.define(
        TIMEOUT_CONFIG,
        ConfigDef.Type.INT,
        10_000,
        ConfigDef.Range.atLeast(100),
        Importance.LOW,
        "Connect and read timeout, in milliseconds; a timeout is a transient failure and is retried.",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "Timeout (ms)");
    def.define(
        WAIT_REPLICAS_CONFIG,
        ConfigDef.Type.INT,
        0,
        ConfigDef.Range.between(0, 16),
        Importance.MEDIUM,
        "Replicas that must hold a batch's writes before its offsets may be committed (Redis WAIT at"
            + " the end of each pipeline, for up to half of redis.timeout.ms). Redis replicates asynchronously:"
            + " with 0, as EMQX, writes a master acknowledged just before a failover can be lost."
            + " With 1 behind a sentinel, a batch fewer replicas confirm is retried, so a failover"
            + " to a replica loses nothing. Single and sentinel deployments only.",
        CONNECTION_GROUP,
        ++order,
        Width.SHORT,
        "Replicas to wait for");
    return def;
  }

  private static ConfigDef.Validator serverValidator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        parseServers(list);
      }

      @Override
      public String toString() {
        return "host[:port][,host[:port]...]";
      }
    };
  }

  private static List<HostAndPort> parseServers(List<String> list) {
    if (list.isEmpty()) {
      throw new ConfigException(SERVER_CONFIG, list, "at least one host:port is needed");
    }
    List<HostAndPort> out = new ArrayList<>();
    for (String s : list) {
      String server = s.trim();
      int colon = server.lastIndexOf(':');
      if (server.isEmpty() || colon == 0) {
        throw new ConfigException(SERVER_CONFIG, s, "expected host:port");
      }
      if (colon < 0) {
        out.add(new HostAndPort(server, 6379));
        continue;
      }
      try {
        int port = Integer.parseInt(server.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new ConfigException(SERVER_CONFIG, s, "port out of range");
        }
        out.add(new HostAndPort(server.substring(0, colon), port));
      } catch (NumberFormatException e) {
        throw new ConfigException(SERVER_CONFIG, s, "port is not a number");
      }
    }
    return List.copyOf(out);
  }

  DeploymentType type() {
    return DeploymentType.valueOf(getString(TYPE_CONFIG).toUpperCase(Locale.ROOT));
  }

  List<HostAndPort> servers() {
    return servers;
  }

  Set<HostAndPort> serverSet() {
    return new LinkedHashSet<>(servers);
  }

  String sentinelMaster() {
    return getString(SENTINEL_CONFIG).trim();
  }

  int database() {
    return getInt(DATABASE_CONFIG);
  }

  String username() {
    return getString(USERNAME_CONFIG);
  }

  String password() {
    return value(getPassword(PASSWORD_CONFIG));
  }

  String sentinelPassword() {
    return value(getPassword(SENTINEL_PASSWORD_CONFIG));
  }

  int poolSize() {
    return getInt(POOL_SIZE_CONFIG);
  }

  boolean ssl() {
    return getBoolean(SSL_CONFIG);
  }

  int timeoutMs() {
    return getInt(TIMEOUT_CONFIG);
  }

  int waitReplicas() {
    return getInt(WAIT_REPLICAS_CONFIG);
  }

  /** Where the servers are, for messages; never with credentials. */
  String describe() {
    return type().configValue()
        + " "
        + getList(SERVER_CONFIG)
        + (type() == DeploymentType.SENTINEL ? " master " + sentinelMaster() : "");
  }

  private static String value(Password p) {
    return p == null || p.value().isEmpty() ? null : p.value();
  }
}
