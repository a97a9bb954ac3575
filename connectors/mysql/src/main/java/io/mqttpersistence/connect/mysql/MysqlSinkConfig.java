package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * MySQL connection keys, named like EMQX's {@code backend.mysql.pool1.*}, on top of the shared
 * keys.
 */
public final class MysqlSinkConfig extends JdbcSinkConfig {
  public static final Keys KEYS = new Keys("mysql", "MySQL", 3306, "root");

  /** EMQX's name for the user key. */
  public static final String USER_ALIAS_CONFIG = "mysql.user";

  public static final String SSL_MODE_CONFIG = "mysql.ssl.mode";
  public static final String SSL_TRUSTSTORE_CONFIG = "mysql.ssl.truststore";
  public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "mysql.ssl.truststore.password";
  public static final String SSL_KEYSTORE_CONFIG = "mysql.ssl.keystore";
  public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "mysql.ssl.keystore.password";

  public static final ConfigDef CONFIG_DEF = configDef();

  public MysqlSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, KEYS, props);
    String alias = getString(USER_ALIAS_CONFIG);
    if (alias != null
        && props.containsKey(KEYS.username())
        && !alias.equals(getString(KEYS.username()))) {
      throw new ConfigException(
          USER_ALIAS_CONFIG, alias, "differs from " + KEYS.username() + "; set only one");
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = configDef(KEYS);
    String group = KEYS.group();
    int order = FIRST_EXTRA_ORDER;
    def.define(
        USER_ALIAS_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "EMQX's name for "
            + KEYS.username()
            + ", accepted so EMQX configs carry over; used when "
            + KEYS.username()
            + " is not set.",
        group,
        order++,
        Width.MEDIUM,
        "User (EMQX alias)");
    def.define(
        SSL_MODE_CONFIG,
        ConfigDef.Type.STRING,
        "VERIFY_IDENTITY",
        ConfigDef.ValidString.in("PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"),
        Importance.MEDIUM,
        "Connector/J sslMode used when " + KEYS.ssl() + " is true.",
        group,
        order++,
        Width.SHORT,
        "SSL mode");
    def.define(
        SSL_TRUSTSTORE_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "Trust store file (PKCS12 or JKS) with the CA that signs the server's certificate; the JVM's"
            + " default trust store when unset.",
        group,
        order++,
        Width.LONG,
        "SSL trust store");
    def.define(
        SSL_TRUSTSTORE_PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the trust store.",
        group,
        order++,
        Width.MEDIUM,
        "SSL trust store password");
    def.define(
        SSL_KEYSTORE_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Key store file (PKCS12 or JKS) with the client certificate, for certificate authentication.",
        group,
        order++,
        Width.LONG,
        "SSL key store");
    def.define(
        SSL_KEYSTORE_PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the key store.",
        group,
        order++,
        Width.MEDIUM,
        "SSL key store password");
    return def;
  }

  @Override
  public String username() {
    String alias = getString(USER_ALIAS_CONFIG);
    return originals().containsKey(KEYS.username()) || alias == null ? super.username() : alias;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:mysql://" + String.join(",", servers()) + "/" + database();
  }

  @Override
  public String tlsTrustKey() {
    return SSL_TRUSTSTORE_CONFIG;
  }

  @Override
  public Properties driverProperties() {
    Properties p = new Properties();
    // Turns a JDBC batch of single-row INSERTs (upserts too) into multi-row statements.
    p.setProperty("rewriteBatchedStatements", "true");
    // Event times are UTC wall-clock values; a UTC session keeps TIMESTAMP columns and DST out of
    // it.
    p.setProperty("connectionTimeZone", "UTC");
    p.setProperty("forceConnectionTimeZoneToSession", "true");
    p.setProperty("characterEncoding", "UTF-8");
    p.setProperty("connectTimeout", "10000");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectionAttributes", "program_name:mqtt-persistence");
    if (ssl()) {
      p.setProperty("sslMode", getString(SSL_MODE_CONFIG));
      putIfSet(p, "trustCertificateKeyStoreUrl", fileUrl(getString(SSL_TRUSTSTORE_CONFIG)));
      putIfSet(
          p,
          "trustCertificateKeyStorePassword",
          value(getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG)));
      putIfSet(p, "clientCertificateKeyStoreUrl", fileUrl(getString(SSL_KEYSTORE_CONFIG)));
      putIfSet(
          p, "clientCertificateKeyStorePassword", value(getPassword(SSL_KEYSTORE_PASSWORD_CONFIG)));
    } else {
      p.setProperty("sslMode", "DISABLED");
      // Without TLS, MySQL 8's caching_sha2_password needs the server's RSA key to send the
      // password.
      p.setProperty("allowPublicKeyRetrieval", "true");
    }
    return p;
  }

  private static String fileUrl(String path) {
    return path == null || path.isBlank() ? null : Path.of(path).toUri().toString();
  }

  private static String value(Password p) {
    return p == null ? null : p.value();
  }
}
