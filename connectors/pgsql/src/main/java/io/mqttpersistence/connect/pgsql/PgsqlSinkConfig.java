package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** PostgreSQL connection keys, named like EMQX's {@code backend.pgsql.pool1.*}, on top of the shared keys. */
public final class PgsqlSinkConfig extends EventSinkConfig {
  public static final String CONNECTION_GROUP = "PostgreSQL connection";

  public static final String SERVER_CONFIG = "pgsql.server";
  public static final String DATABASE_CONFIG = "pgsql.database";
  public static final String USERNAME_CONFIG = "pgsql.username";
  public static final String PASSWORD_CONFIG = "pgsql.password";
  public static final String POOL_SIZE_CONFIG = "pgsql.pool_size";
  public static final String SSL_CONFIG = "pgsql.ssl";
  public static final String SSL_MODE_CONFIG = "pgsql.ssl.mode";
  public static final String SSL_ROOT_CERT_CONFIG = "pgsql.ssl.rootcert";
  public static final String SSL_CERT_CONFIG = "pgsql.ssl.cert";
  public static final String SSL_KEY_CONFIG = "pgsql.ssl.key";
  public static final String SSL_KEY_PASSWORD_CONFIG = "pgsql.ssl.key.password";

  public static final ConfigDef CONFIG_DEF = configDef();

  public PgsqlSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    servers(); // fail early on a malformed server list
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef(baseConfigDef());
    int order = 0;
    def.define(SERVER_CONFIG, Type.LIST, "127.0.0.1:5432", serverValidator(), Importance.HIGH,
        "PostgreSQL host:port; a comma list for failover (the first reachable primary is used).",
        CONNECTION_GROUP, ++order, Width.LONG, "Server");
    def.define(DATABASE_CONFIG, Type.STRING, "mqtt", new ConfigDef.NonEmptyString(), Importance.HIGH,
        "Database that holds the mqtt_* tables.", CONNECTION_GROUP, ++order, Width.MEDIUM, "Database");
    def.define(USERNAME_CONFIG, Type.STRING, "postgres", Importance.HIGH, "User name.",
        CONNECTION_GROUP, ++order, Width.MEDIUM, "Username");
    def.define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, "Password; never logged.",
        CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
    def.define(POOL_SIZE_CONFIG, Type.INT, 8, ConfigDef.Range.between(1, 1024), Importance.MEDIUM,
        "Maximum connections per task. A task writes one batch at a time, so small values suffice.",
        CONNECTION_GROUP, ++order, Width.SHORT, "Pool size");
    def.define(SSL_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, "Connect over TLS.",
        CONNECTION_GROUP, ++order, Width.SHORT, "SSL");
    def.define(SSL_MODE_CONFIG, Type.STRING, "verify-full",
        ConfigDef.ValidString.in("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
        Importance.MEDIUM, "libpq-style sslmode used when " + SSL_CONFIG + " is true.",
        CONNECTION_GROUP, ++order, Width.SHORT, "SSL mode");
    def.define(SSL_ROOT_CERT_CONFIG, Type.STRING, null, Importance.MEDIUM,
        "File with the CA certificate(s) that sign the server's certificate (PEM).",
        CONNECTION_GROUP, ++order, Width.LONG, "SSL root certificate");
    def.define(SSL_CERT_CONFIG, Type.STRING, null, Importance.LOW,
        "Client certificate file, for certificate authentication.",
        CONNECTION_GROUP, ++order, Width.LONG, "SSL client certificate");
    def.define(SSL_KEY_CONFIG, Type.STRING, null, Importance.LOW, "Client key file (PKCS-8 DER or PEM).",
        CONNECTION_GROUP, ++order, Width.LONG, "SSL client key");
    def.define(SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
        "Password of the client key, if it has one.", CONNECTION_GROUP, ++order, Width.MEDIUM,
        "SSL client key password");
    return def;
  }

  private static ConfigDef.Validator serverValidator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> servers = (List<String>) value;
        if (servers.isEmpty()) {
          throw new ConfigException(name, value, "at least one host:port is needed");
        }
        for (String s : servers) {
          parseServer(name, s);
        }
      }

      @Override
      public String toString() {
        return "host[:port][,host[:port]...]";
      }
    };
  }

  private static String parseServer(String key, String server) {
    String s = server.trim();
    int colon = s.lastIndexOf(':');
    if (s.isEmpty() || colon == 0) {
      throw new ConfigException(key, server, "expected host:port");
    }
    if (colon > 0 && !s.endsWith("]")) {
      try {
        int port = Integer.parseInt(s.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new ConfigException(key, server, "port out of range");
        }
      } catch (NumberFormatException e) {
        throw new ConfigException(key, server, "port is not a number");
      }
      return s;
    }
    return s + ":5432";
  }

  List<String> servers() {
    List<String> out = new ArrayList<>();
    for (String s : getList(SERVER_CONFIG)) {
      out.add(parseServer(SERVER_CONFIG, s));
    }
    return out;
  }

  /** The JDBC URL, without credentials. */
  String jdbcUrl() {
    return "jdbc:postgresql://" + String.join(",", servers()) + "/" + getString(DATABASE_CONFIG);
  }

  String username() {
    return getString(USERNAME_CONFIG);
  }

  String password() {
    Password p = getPassword(PASSWORD_CONFIG);
    return p == null ? null : p.value();
  }

  int poolSize() {
    return getInt(POOL_SIZE_CONFIG);
  }

  /** Driver properties: batching, untyped string binds (so templates fit any column type), TLS. */
  Properties driverProperties() {
    Properties p = new Properties();
    // Turns a JDBC batch of single-row INSERTs into multi-row INSERTs: many events per round trip.
    p.setProperty("reWriteBatchedInserts", "true");
    // Lets the server infer a bound string's type, so ${qos} or ${timestamp_str} fit int or timestamp columns.
    p.setProperty("stringtype", "unspecified");
    p.setProperty("ApplicationName", "mqtt-persistence");
    p.setProperty("targetServerType", "primary");
    p.setProperty("connectTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    if (getBoolean(SSL_CONFIG)) {
      p.setProperty("ssl", "true");
      p.setProperty("sslmode", getString(SSL_MODE_CONFIG));
      putIfSet(p, "sslrootcert", getString(SSL_ROOT_CERT_CONFIG));
      putIfSet(p, "sslcert", getString(SSL_CERT_CONFIG));
      putIfSet(p, "sslkey", getString(SSL_KEY_CONFIG));
      Password keyPassword = getPassword(SSL_KEY_PASSWORD_CONFIG);
      putIfSet(p, "sslpassword", keyPassword == null ? null : keyPassword.value());
    } else {
      p.setProperty("sslmode", "disable");
    }
    return p;
  }

  private static void putIfSet(Properties p, String key, String value) {
    if (value != null && !value.isBlank()) {
      p.setProperty(key, value);
    }
  }
}
