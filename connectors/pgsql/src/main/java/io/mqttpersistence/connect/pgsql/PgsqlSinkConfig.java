package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * PostgreSQL connection keys, named like EMQX's {@code backend.pgsql.pool1.*}, on top of the shared
 * keys.
 */
public final class PgsqlSinkConfig extends JdbcSinkConfig {
  public static final Keys KEYS = new Keys("pgsql", "PostgreSQL", 5432, "postgres");
  public static final String SERVER_CONFIG = KEYS.server();
  public static final String SSL_MODE_CONFIG = "pgsql.ssl.mode";
  public static final String SSL_ROOT_CERT_CONFIG = "pgsql.ssl.rootcert";
  public static final String SSL_CERT_CONFIG = "pgsql.ssl.cert";
  public static final String SSL_KEY_CONFIG = "pgsql.ssl.key";
  public static final String SSL_KEY_PASSWORD_CONFIG = "pgsql.ssl.key.password";

  public static final ConfigDef CONFIG_DEF = configDef();

  public PgsqlSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, KEYS, props);
  }

  private static ConfigDef configDef() {
    ConfigDef def = configDef(KEYS);
    String group = KEYS.group();
    int order = FIRST_EXTRA_ORDER;
    def.define(
        SSL_MODE_CONFIG,
        ConfigDef.Type.STRING,
        "verify-full",
        ConfigDef.ValidString.in(
            "disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
        Importance.MEDIUM,
        "libpq-style sslmode used when " + KEYS.ssl() + " is true.",
        group,
        order++,
        Width.SHORT,
        "SSL mode");
    def.define(
        SSL_ROOT_CERT_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "File with the CA certificate(s) that sign the server's certificate (PEM); the JVM's"
            + " default trust store when unset.",
        group,
        order++,
        Width.LONG,
        "SSL root certificate");
    def.define(
        SSL_CERT_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Client certificate file, for certificate authentication.",
        group,
        order++,
        Width.LONG,
        "SSL client certificate");
    def.define(
        SSL_KEY_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Client key file (PKCS-8 DER or PEM).",
        group,
        order++,
        Width.LONG,
        "SSL client key");
    def.define(
        SSL_KEY_PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the client key, if it has one.",
        group,
        order++,
        Width.MEDIUM,
        "SSL client key password");
    return def;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://" + String.join(",", servers()) + "/" + database();
  }

  /** Driver properties: batching, untyped string binds (so templates fit any column type), TLS. */
  @Override
  public String tlsTrustKey() {
    return SSL_ROOT_CERT_CONFIG;
  }

  @Override
  public Properties driverProperties() {
    Properties p = new Properties();
    // Turns a JDBC batch of single-row INSERTs into multi-row INSERTs: many events per round trip.
    p.setProperty("reWriteBatchedInserts", "true");
    // Lets the server infer a bound string's type, so ${qos} or ${timestamp_str} fit int or
    // timestamp columns.
    p.setProperty("stringtype", "unspecified");
    p.setProperty("ApplicationName", "mqtt-persistence");
    p.setProperty("targetServerType", "primary");
    p.setProperty("connectTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    if (ssl()) {
      p.setProperty("ssl", "true");
      p.setProperty("sslmode", getString(SSL_MODE_CONFIG));
      String rootCert = getString(SSL_ROOT_CERT_CONFIG);
      if (rootCert == null || rootCert.isBlank()) {
        // Not the driver's default (~/.postgresql/root.crt of whoever runs the worker): the
        // JVM's CAs, as every other connector does. verify-full still checks the host name.
        p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
      } else {
        p.setProperty("sslrootcert", rootCert);
      }
      putIfSet(p, "sslcert", getString(SSL_CERT_CONFIG));
      putIfSet(p, "sslkey", getString(SSL_KEY_CONFIG));
      Password keyPassword = getPassword(SSL_KEY_PASSWORD_CONFIG);
      putIfSet(p, "sslpassword", keyPassword == null ? null : keyPassword.value());
    } else {
      p.setProperty("sslmode", "disable");
    }
    return p;
  }
}
