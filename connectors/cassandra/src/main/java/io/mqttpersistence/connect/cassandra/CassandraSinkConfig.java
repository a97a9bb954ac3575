package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.TlsStores;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Cassandra connection keys, named like EMQX's {@code backend.ecql.pool1.*}, on the shared keys.
 */
public final class CassandraSinkConfig extends EventSinkConfig {
  public static final String CONNECTION_GROUP = "Cassandra connection";

  public static final String NODES_CONFIG = "cassandra.nodes";
  public static final String KEYSPACE_CONFIG = "cassandra.keyspace";
  public static final String USERNAME_CONFIG = "cassandra.username";
  public static final String PASSWORD_CONFIG = "cassandra.password";
  public static final String SIZE_CONFIG = "cassandra.size";
  public static final String LOCAL_DATACENTER_CONFIG = "cassandra.local_datacenter";
  public static final String SSL_CONFIG = "cassandra.ssl";
  public static final String CONSISTENCY_CONFIG = "cassandra.consistency";
  public static final String MAX_CONCURRENT_CONFIG = "cassandra.max_concurrent_requests";
  public static final String MSG_TTL_CONFIG = "cassandra.msg.ttl";
  public static final String TIMEOUT_CONFIG = "cassandra.request.timeout.ms";
  public static final String AUTO_RECONNECT_CONFIG = "cassandra.auto_reconnect";
  public static final String LOGGER_CONFIG = "cassandra.logger";
  public static final String SCHEMA_CREATE_CONFIG = "schema.create";

  /** A keyspace name Cassandra accepts unquoted: it is spliced into DDL, so nothing else passes. */
  private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  public static final ConfigDef CONFIG_DEF = configDef();

  private final List<InetSocketAddress> nodes;

  public CassandraSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    nodes = parseNodes(getList(NODES_CONFIG));
    if (getString(USERNAME_CONFIG) != null && getPassword(PASSWORD_CONFIG) == null) {
      throw new ConfigException(PASSWORD_CONFIG, "[hidden]", "is needed with " + USERNAME_CONFIG);
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef(baseConfigDef());
    String g = CONNECTION_GROUP;
    int order = 0;
    def.define(
        NODES_CONFIG,
        ConfigDef.Type.LIST,
        "127.0.0.1:9042",
        new ConfigDef.Validator() {
          @Override
          public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) value;
            parseNodes(list);
          }

          @Override
          public String toString() {
            return "host[:port][,host[:port]...]";
          }
        },
        Importance.HIGH,
        "Contact points, host:port (port 9042 when omitted), comma separated, as EMQX's nodes. The"
            + " driver discovers the rest of the cluster from them.",
        g,
        ++order,
        Width.LONG,
        "Nodes");
    def.define(
        KEYSPACE_CONFIG,
        ConfigDef.Type.STRING,
        "mqtt",
        new ConfigDef.Validator() {
          @Override
          public void ensureValid(String name, Object value) {
            if (value == null || !KEYSPACE.matcher(value.toString()).matches()) {
              throw new ConfigException(
                  name, value, "a keyspace name is a letter, then up to 47 letters, digits or _");
            }
          }

          @Override
          public String toString() {
            return "[A-Za-z][A-Za-z0-9_]{0,47}";
          }
        },
        Importance.HIGH,
        "Keyspace that holds EMQX's tables.",
        g,
        ++order,
        Width.MEDIUM,
        "Keyspace");
    def.define(
        USERNAME_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "User name for PasswordAuthenticator; unset for no authentication.",
        g,
        ++order,
        Width.MEDIUM,
        "Username");
    def.define(
        PASSWORD_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.HIGH,
        "Password; never logged.",
        g,
        ++order,
        Width.MEDIUM,
        "Password");
    def.define(
        SIZE_CONFIG,
        ConfigDef.Type.INT,
        1,
        ConfigDef.Range.between(1, 64),
        Importance.MEDIUM,
        "Connections per node per task (EMQX's size). One connection carries many requests at"
            + " once (up to 1024), so 1 is usually enough; raise it only when a node's single"
            + " connection is the limit.",
        g,
        ++order,
        Width.SHORT,
        "Connections per node");
    def.define(
        LOCAL_DATACENTER_CONFIG,
        ConfigDef.Type.STRING,
        "datacenter1",
        new ConfigDef.NonEmptyString(),
        Importance.HIGH,
        "The datacenter the driver sends requests to (the driver requires it; datacenter1 is a"
            + " single-datacenter cluster's default name).",
        g,
        ++order,
        Width.MEDIUM,
        "Local datacenter");
    def.define(
        CONSISTENCY_CONFIG,
        ConfigDef.Type.STRING,
        "LOCAL_QUORUM",
        ConfigDef.ValidString.in(consistencyNames()),
        Importance.MEDIUM,
        "Consistency level of every write and read. With LOCAL_QUORUM on both, a lookup sees what"
            + " earlier batches wrote.",
        g,
        ++order,
        Width.SHORT,
        "Consistency");
    def.define(
        MAX_CONCURRENT_CONFIG,
        ConfigDef.Type.INT,
        256,
        ConfigDef.Range.between(1, 4096),
        Importance.MEDIUM,
        "Writes in flight at once per task. A batch's writes all go out asynchronously up to this"
            + " limit, and put() returns when every one is acknowledged.",
        g,
        ++order,
        Width.SHORT,
        "Max concurrent requests");
    def.define(
        MSG_TTL_CONFIG,
        ConfigDef.Type.INT,
        0,
        ConfigDef.Range.atLeast(0),
        Importance.MEDIUM,
        "Seconds a stored message (msg and msg_timeline rows) lives, written USING TTL; 0 keeps"
            + " messages until deleted. Retained messages and cursors never expire.",
        g,
        ++order,
        Width.SHORT,
        "Message TTL");
    def.define(
        TIMEOUT_CONFIG,
        ConfigDef.Type.INT,
        10_000,
        ConfigDef.Range.between(100, 600_000),
        Importance.LOW,
        "How long a request may take before it counts as timed out and the batch is retried.",
        g,
        ++order,
        Width.SHORT,
        "Request timeout (ms)");
    def.define(
        SSL_CONFIG,
        ConfigDef.Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Connect with TLS.",
        g,
        ++order,
        Width.SHORT,
        "SSL");
    order = TlsStores.define(def, "cassandra", g, ++order) - 1;
    def.define(
        AUTO_RECONNECT_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Accepted and ignored: the driver always reconnects (exponential backoff, 1 s to 60 s).",
        g,
        ++order,
        Width.SHORT,
        "Auto reconnect (ignored)");
    def.define(
        LOGGER_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Accepted and ignored: the driver logs through the worker's logging (logger"
            + " com.datastax.oss.driver).",
        g,
        ++order,
        Width.SHORT,
        "Logger (ignored)");
    def.define(
        SCHEMA_CREATE_CONFIG,
        ConfigDef.Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Create the keyspace when it is missing (SimpleStrategy, replication factor 1: create it"
            + " yourself for production), EMQX's tables when missing, and what the connector adds"
            + " (the msg_timeline table, the retained message's body columns and the cursor's"
            + " publish time).",
        g,
        ++order,
        Width.SHORT,
        "Create schema");
    return def;
  }

  private static String[] consistencyNames() {
    List<String> names = new ArrayList<>();
    for (DefaultConsistencyLevel l : DefaultConsistencyLevel.values()) {
      // SERIAL levels are for conditional updates only, ANY for writes only: lookups read too.
      if (l != DefaultConsistencyLevel.SERIAL
          && l != DefaultConsistencyLevel.LOCAL_SERIAL
          && l != DefaultConsistencyLevel.ANY) {
        names.add(l.name());
      }
    }
    return names.toArray(new String[0]);
  }

  static List<InetSocketAddress> parseNodes(List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      throw new ConfigException(NODES_CONFIG, entries, "name at least one node");
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (String raw : entries) {
      String e = raw.trim();
      int colon = e.lastIndexOf(':');
      String host = colon < 0 ? e : e.substring(0, colon);
      int port = 9042;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(e.substring(colon + 1));
        } catch (NumberFormatException ex) {
          throw new ConfigException(NODES_CONFIG, raw, "the port is not a number");
        }
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new ConfigException(NODES_CONFIG, raw, "expected host:port");
      }
      out.add(InetSocketAddress.createUnresolved(host, port));
    }
    return out;
  }

  List<InetSocketAddress> nodes() {
    return nodes;
  }

  String keyspace() {
    return getString(KEYSPACE_CONFIG);
  }

  String username() {
    return getString(USERNAME_CONFIG);
  }

  /** Only read to hand to the driver; never logged. */
  String password() {
    Password p = getPassword(PASSWORD_CONFIG);
    return p == null ? null : p.value();
  }

  int connectionsPerNode() {
    return getInt(SIZE_CONFIG);
  }

  String localDatacenter() {
    return getString(LOCAL_DATACENTER_CONFIG);
  }

  String consistency() {
    return getString(CONSISTENCY_CONFIG).toUpperCase(Locale.ROOT);
  }

  int maxConcurrentRequests() {
    return getInt(MAX_CONCURRENT_CONFIG);
  }

  int messageTtlSeconds() {
    return getInt(MSG_TTL_CONFIG);
  }

  int requestTimeoutMs() {
    return getInt(TIMEOUT_CONFIG);
  }

  boolean schemaCreate() {
    return getBoolean(SCHEMA_CREATE_CONFIG);
  }

  /** The TLS context when cassandra.ssl is on, else null. */
  SSLContext sslContext() {
    return getBoolean(SSL_CONFIG) ? TlsStores.context(this, "cassandra") : null;
  }

  /** Where the cluster is, for messages: never with credentials. */
  String describe() {
    return "nodes " + getList(NODES_CONFIG) + ", keyspace " + keyspace();
  }
}
