package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connection keys every SQL connector has, named like EMQX's {@code backend.<db>.pool1.*} under
 * the connector's prefix ({@code pgsql.server}, {@code mysql.server}, ...), on top of the shared
 * keys. A connector adds its TLS keys and says how they become a JDBC URL and driver properties.
 */
public abstract class JdbcSinkConfig extends EventSinkConfig {

  /** Names and defaults of one connector's connection keys. */
  public record Keys(String prefix, String database, int defaultPort, String defaultUser) {
    public String server() {
      return prefix + ".server";
    }

    public String databaseName() {
      return prefix + ".database";
    }

    public String username() {
      return prefix + ".username";
    }

    public String password() {
      return prefix + ".password";
    }

    public String poolSize() {
      return prefix + ".pool_size";
    }

    public String ssl() {
      return prefix + ".ssl";
    }

    public String group() {
      return database + " connection";
    }
  }

  public static final String SCHEMA_CREATE_CONFIG = "schema.create";

  private final Keys keys;
  private final List<String> servers;

  protected JdbcSinkConfig(ConfigDef definition, Keys keys, Map<String, String> props) {
    super(definition, props);
    this.keys = keys;
    this.servers = parseServers(keys, getList(keys.server()));
  }

  /**
   * The shared keys plus this connector's connection keys; returns the next free order in the
   * group.
   */
  protected static ConfigDef configDef(Keys keys) {
    ConfigDef def = new ConfigDef(baseConfigDef());
    String group = keys.group();
    int order = 0;
    def.define(
        keys.server(),
        ConfigDef.Type.LIST,
        "127.0.0.1:" + keys.defaultPort(),
        serverValidator(keys),
        Importance.HIGH,
        keys.database() + " host:port; a comma list for failover (tried in order).",
        group,
        ++order,
        Width.LONG,
        "Server");
    def.define(
        keys.databaseName(),
        ConfigDef.Type.STRING,
        "mqtt",
        new ConfigDef.NonEmptyString(),
        Importance.HIGH,
        "Database that holds the mqtt_* tables.",
        group,
        ++order,
        Width.MEDIUM,
        "Database");
    def.define(
        keys.username(),
        ConfigDef.Type.STRING,
        keys.defaultUser(),
        Importance.HIGH,
        "User name.",
        group,
        ++order,
        Width.MEDIUM,
        "Username");
    def.define(
        keys.password(),
        ConfigDef.Type.PASSWORD,
        null,
        Importance.HIGH,
        "Password; never logged.",
        group,
        ++order,
        Width.MEDIUM,
        "Password");
    def.define(
        keys.poolSize(),
        ConfigDef.Type.INT,
        8,
        ConfigDef.Range.between(1, 1024),
        Importance.MEDIUM,
        "Maximum connections per task. A task writes one batch at a time, so small values suffice.",
        group,
        ++order,
        Width.SHORT,
        "Pool size");
    def.define(
        SCHEMA_CREATE_CONFIG,
        ConfigDef.Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Create EMQX's tables and the indexes the connector's statements need when they are absent.",
        group,
        ++order,
        Width.SHORT,
        "Create schema");
    def.define(
        keys.ssl(),
        ConfigDef.Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Connect over TLS.",
        group,
        ++order,
        Width.SHORT,
        "SSL");
    return def;
  }

  /** Where a connector's own keys continue the connection group's order. */
  protected static final int FIRST_EXTRA_ORDER = 8;

  private static ConfigDef.Validator serverValidator(Keys keys) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        parseServers(keys, list);
      }

      @Override
      public String toString() {
        return "host[:port][,host[:port]...]";
      }
    };
  }

  private static List<String> parseServers(Keys keys, List<String> list) {
    if (list.isEmpty()) {
      throw new ConfigException(keys.server(), list, "at least one host:port is needed");
    }
    List<String> out = new ArrayList<>();
    for (String s : list) {
      out.add(parseServer(keys, s));
    }
    return List.copyOf(out);
  }

  private static String parseServer(Keys keys, String server) {
    String s = server.trim();
    int colon = s.lastIndexOf(':');
    if (s.isEmpty() || colon == 0) {
      throw new ConfigException(keys.server(), server, "expected host:port");
    }
    if (colon > 0 && !s.endsWith("]")) {
      try {
        int port = Integer.parseInt(s.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new ConfigException(keys.server(), server, "port out of range");
        }
      } catch (NumberFormatException e) {
        throw new ConfigException(keys.server(), server, "port is not a number");
      }
      return s;
    }
    return s + ":" + keys.defaultPort();
  }

  public Keys keys() {
    return keys;
  }

  /** host:port of each server, with the default port filled in. */
  public List<String> servers() {
    return servers;
  }

  public String database() {
    return getString(keys.databaseName());
  }

  public String username() {
    return getString(keys.username());
  }

  public String password() {
    Password p = getPassword(keys.password());
    return p == null ? null : p.value();
  }

  public int poolSize() {
    return getInt(keys.poolSize());
  }

  public boolean schemaCreate() {
    return getBoolean(SCHEMA_CREATE_CONFIG);
  }

  public boolean ssl() {
    return getBoolean(keys.ssl());
  }

  /** The JDBC URL, without credentials. */
  public abstract String jdbcUrl();

  /** Driver properties for batching, timeouts and TLS; without credentials. */
  public abstract Properties driverProperties();

  /** The key that says which CA to trust: where a failed TLS handshake is reported. */
  public abstract String tlsTrustKey();

  protected static void putIfSet(Properties p, String key, String value) {
    if (value != null && !value.isBlank()) {
      p.setProperty(key, value);
    }
  }
}
