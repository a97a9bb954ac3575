package io.mqttpersistence.connect.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcern;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterType;
import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.TlsStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * MongoDB connection keys, named like EMQX's {@code backend.mongo.pool1.*}, on top of the shared
 * keys; or one {@code mongo.uri} that replaces them.
 */
public final class MongoSinkConfig extends EventSinkConfig {
  public static final String CONNECTION_GROUP = "MongoDB connection";

  public static final String TYPE_CONFIG = "mongo.type";
  public static final String SERVER_CONFIG = "mongo.server";
  public static final String RS_SET_NAME_CONFIG = "mongo.rs_set_name";
  public static final String SRV_RECORD_CONFIG = "mongo.srv_record";
  public static final String DATABASE_CONFIG = "mongo.database";
  public static final String LOGIN_CONFIG = "mongo.login";
  public static final String PASSWORD_CONFIG = "mongo.password";
  public static final String AUTH_SOURCE_CONFIG = "mongo.auth_source";
  public static final String POOL_SIZE_CONFIG = "mongo.pool_size";
  public static final String C_POOL_SIZE_CONFIG = "mongo.c_pool_size";
  public static final String SSL_CONFIG = "mongo.ssl";
  public static final String W_MODE_CONFIG = "mongo.w_mode";
  public static final String R_MODE_CONFIG = "mongo.r_mode";
  public static final String URI_CONFIG = "mongo.uri";
  public static final String TIME_FORMAT_CONFIG = "mongo.time.format";
  public static final String TIMEOUT_CONFIG = "mongo.timeout.ms";
  public static final String SCHEMA_CREATE_CONFIG = "schema.create";

  /** How EMQX's {@code type} describes the deployment. */
  enum Topology {
    SINGLE,
    RS,
    SHARDED,
    UNKNOWN
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  private final Topology topology;
  private final List<ServerAddress> servers;
  private final ConnectionString uri;

  public MongoSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    topology = Topology.valueOf(getString(TYPE_CONFIG).toUpperCase(Locale.ROOT));
    servers = parseServers(getList(SERVER_CONFIG));
    Password u = getPassword(URI_CONFIG);
    uri = u == null || u.value().isBlank() ? null : connectionString(u.value());
    if (uri == null) {
      checkKeys();
    } else {
      checkAgainstUri();
    }
    if (isSet(POOL_SIZE_CONFIG)
        && isSet(C_POOL_SIZE_CONFIG)
        && !getInt(POOL_SIZE_CONFIG).equals(getInt(C_POOL_SIZE_CONFIG))) {
      throw new ConfigException(
          C_POOL_SIZE_CONFIG, getInt(C_POOL_SIZE_CONFIG), "differs from " + POOL_SIZE_CONFIG);
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef(baseConfigDef());
    String g = CONNECTION_GROUP;
    int order = 0;
    def.define(
        TYPE_CONFIG,
        ConfigDef.Type.STRING,
        "single",
        ConfigDef.ValidString.in("single", "rs", "sharded", "unknown"),
        Importance.HIGH,
        "How MongoDB is deployed, as EMQX's type: one server, a replica set (needs "
            + RS_SET_NAME_CONFIG
            + "), mongos routers of a sharded cluster, or unknown (the driver finds out).",
        g,
        ++order,
        Width.SHORT,
        "Type");
    def.define(
        SERVER_CONFIG,
        ConfigDef.Type.LIST,
        "127.0.0.1:27017",
        new ConfigDef.Validator() {
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
        },
        Importance.HIGH,
        "host:port of the server, of replica set members or of mongos routers, as a comma list; with "
            + SRV_RECORD_CONFIG
            + " one host name whose DNS SRV record lists them.",
        g,
        ++order,
        Width.LONG,
        "Server");
    def.define(
        RS_SET_NAME_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "Replica set name; needed when " + TYPE_CONFIG + " is rs.",
        g,
        ++order,
        Width.MEDIUM,
        "Replica set name");
    def.define(
        SRV_RECORD_CONFIG,
        ConfigDef.Type.BOOLEAN,
        false,
        Importance.LOW,
        "The server is a mongodb+srv host name: members (and TLS) come from its DNS records.",
        g,
        ++order,
        Width.SHORT,
        "SRV record");
    def.define(
        DATABASE_CONFIG,
        ConfigDef.Type.STRING,
        "mqtt",
        new ConfigDef.NonEmptyString(),
        Importance.HIGH,
        "Database that holds the mqtt_* collections.",
        g,
        ++order,
        Width.MEDIUM,
        "Database");
    def.define(
        LOGIN_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "User name; unset for no authentication.",
        g,
        ++order,
        Width.MEDIUM,
        "Login");
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
        AUTH_SOURCE_CONFIG,
        ConfigDef.Type.STRING,
        "admin",
        Importance.LOW,
        "Database that holds the user's credentials.",
        g,
        ++order,
        Width.MEDIUM,
        "Auth source");
    def.define(
        POOL_SIZE_CONFIG,
        ConfigDef.Type.INT,
        8,
        ConfigDef.Range.between(1, 1024),
        Importance.MEDIUM,
        "Maximum connections per task to each server. A task sends one bulk write at a time.",
        g,
        ++order,
        Width.SHORT,
        "Pool size");
    def.define(
        C_POOL_SIZE_CONFIG,
        ConfigDef.Type.INT,
        null,
        Importance.LOW,
        "EMQX's name for " + POOL_SIZE_CONFIG + ", accepted so EMQX configs carry over.",
        g,
        ++order,
        Width.SHORT,
        "Pool size (EMQX)");
    def.define(
        SSL_CONFIG,
        ConfigDef.Type.BOOLEAN,
        false,
        Importance.MEDIUM,
        "Connect over TLS, verifying the server's certificate and host name.",
        g,
        ++order,
        Width.SHORT,
        "SSL");
    order = TlsStores.define(def, "mongo", g, ++order) - 1;
    def.define(
        W_MODE_CONFIG,
        ConfigDef.Type.STRING,
        "safe",
        ConfigDef.ValidString.in("safe", "unsafe"),
        Importance.MEDIUM,
        "EMQX's write mode: 'safe' waits for a majority of a replica set (w: majority; w: 1 on a"
            + " single server), 'unsafe' for the primary alone (w: 1). Writes are always"
            + " acknowledged: offsets are committed only for stored data.",
        g,
        ++order,
        Width.SHORT,
        "Write mode");
    def.define(
        R_MODE_CONFIG,
        ConfigDef.Type.STRING,
        "master",
        ConfigDef.ValidString.in("master", "slave_ok"),
        Importance.LOW,
        "EMQX's read mode, for lookups: 'master' reads the primary; 'slave_ok' prefers secondaries,"
            + " which may not yet hold what the same batch wrote.",
        g,
        ++order,
        Width.SHORT,
        "Read mode");
    def.define(
        URI_CONFIG,
        ConfigDef.Type.PASSWORD,
        null,
        Importance.HIGH,
        "A mongodb:// or mongodb+srv:// connection string that replaces the keys above (it may hold"
            + " a password, so it is a password itself). A key set as well must say the same.",
        g,
        ++order,
        Width.LONG,
        "Connection URI");
    def.define(
        TIME_FORMAT_CONFIG,
        ConfigDef.Type.STRING,
        "date",
        ConfigDef.ValidString.in("date", "seconds"),
        Importance.LOW,
        "How times (online_at, offline_at, arrived) are stored: BSON dates with milliseconds, or"
            + " integer epoch seconds as EMQX's Mongo backend wrote them (order-safety then works to"
            + " the second).",
        g,
        ++order,
        Width.SHORT,
        "Time format");
    def.define(
        TIMEOUT_CONFIG,
        ConfigDef.Type.INT,
        10_000,
        ConfigDef.Range.atLeast(100),
        Importance.LOW,
        "Connect, server selection and read timeout, in milliseconds; a timeout is transient and"
            + " retried.",
        g,
        ++order,
        Width.SHORT,
        "Timeout (ms)");
    def.define(
        SCHEMA_CREATE_CONFIG,
        ConfigDef.Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Create EMQX's collections and indexes, and the unique indexes the connector's writes rely"
            + " on, when they are absent.",
        g,
        ++order,
        Width.SHORT,
        "Create schema");
    return def;
  }

  private static List<ServerAddress> parseServers(List<String> list) {
    if (list.isEmpty()) {
      throw new ConfigException(SERVER_CONFIG, list, "at least one host[:port] is needed");
    }
    List<ServerAddress> out = new ArrayList<>();
    for (String s : list) {
      String server = s.trim();
      int colon = server.lastIndexOf(':');
      try {
        out.add(
            colon < 0
                ? new ServerAddress(server)
                : new ServerAddress(
                    server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))));
      } catch (RuntimeException e) {
        throw new ConfigException(SERVER_CONFIG, s, "expected host[:port]");
      }
    }
    return List.copyOf(out);
  }

  private static ConnectionString connectionString(String value) {
    try {
      return new ConnectionString(value);
    } catch (IllegalArgumentException e) {
      // The driver's message may quote the string, password included: keep only its gist.
      throw new ConfigException(URI_CONFIG + ": not a MongoDB connection string");
    }
  }

  private void checkKeys() {
    if (topology == Topology.RS && blank(getString(RS_SET_NAME_CONFIG))) {
      throw new ConfigException(RS_SET_NAME_CONFIG, null, "needed when mongo.type is rs");
    }
    if (topology == Topology.SINGLE && servers.size() > 1 && !srv()) {
      throw new ConfigException(
          SERVER_CONFIG, getList(SERVER_CONFIG), "mongo.type single takes one server");
    }
    if (srv() && servers.size() != 1) {
      throw new ConfigException(
          SERVER_CONFIG, getList(SERVER_CONFIG), "mongo.srv_record takes one host name");
    }
    if (getPassword(PASSWORD_CONFIG) != null && blank(getString(LOGIN_CONFIG))) {
      throw new ConfigException(LOGIN_CONFIG, null, "a password needs a login");
    }
  }

  /** Keys set alongside the URI must say what it says. */
  private void checkAgainstUri() {
    if (isSet(SERVER_CONFIG)) {
      List<String> hosts = new ArrayList<>();
      servers.forEach(a -> hosts.add(a.getHost() + ":" + a.getPort()));
      List<String> uriHosts = new ArrayList<>();
      uri.getHosts()
          .forEach(h -> uriHosts.add(h.contains(":") ? h : h + ":" + ServerAddress.defaultPort()));
      conflict(SERVER_CONFIG, !hosts.equals(uriHosts));
    }
    conflict(
        RS_SET_NAME_CONFIG,
        isSet(RS_SET_NAME_CONFIG)
            && !Objects.equals(getString(RS_SET_NAME_CONFIG), uri.getRequiredReplicaSetName()));
    conflict(
        DATABASE_CONFIG,
        isSet(DATABASE_CONFIG)
            && uri.getDatabase() != null
            && !uri.getDatabase().equals(getString(DATABASE_CONFIG)));
    MongoCredential c = uri.getCredential();
    conflict(
        LOGIN_CONFIG,
        isSet(LOGIN_CONFIG)
            && (c == null || !Objects.equals(c.getUserName(), getString(LOGIN_CONFIG))));
    conflict(
        PASSWORD_CONFIG,
        isSet(PASSWORD_CONFIG)
            && (c == null
                || c.getPassword() == null
                || !new String(c.getPassword()).equals(getPassword(PASSWORD_CONFIG).value())));
    conflict(
        AUTH_SOURCE_CONFIG,
        isSet(AUTH_SOURCE_CONFIG)
            && c != null
            && !Objects.equals(c.getSource(), getString(AUTH_SOURCE_CONFIG)));
    conflict(
        SSL_CONFIG,
        isSet(SSL_CONFIG)
            && !Objects.equals(Boolean.TRUE.equals(uri.getSslEnabled()), getBoolean(SSL_CONFIG)));
    conflict(
        POOL_SIZE_CONFIG,
        isSet(POOL_SIZE_CONFIG)
            && uri.getMaxConnectionPoolSize() != null
            && !uri.getMaxConnectionPoolSize().equals(getInt(POOL_SIZE_CONFIG)));
  }

  /** Never quotes either value: both may be secret. */
  private static void conflict(String key, boolean conflicting) {
    if (conflicting) {
      throw new ConfigException(
          key + " conflicts with " + URI_CONFIG + ": set one of them, or both to the same value");
    }
  }

  private boolean isSet(String key) {
    return originals().containsKey(key);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  boolean srv() {
    return getBoolean(SRV_RECORD_CONFIG);
  }

  /** The database: the URI's when it names one, else mongo.database. */
  String database() {
    return uri != null && uri.getDatabase() != null
        ? uri.getDatabase()
        : getString(DATABASE_CONFIG);
  }

  boolean schemaCreate() {
    return getBoolean(SCHEMA_CREATE_CONFIG);
  }

  boolean timesInSeconds() {
    return getString(TIME_FORMAT_CONFIG).equals("seconds");
  }

  /** Lookups read where EMQX's r_mode says. */
  ReadPreference lookupReadPreference() {
    return getString(R_MODE_CONFIG).equals("slave_ok")
        ? ReadPreference.secondaryPreferred()
        : ReadPreference.primary();
  }

  private WriteConcern writeConcern() {
    if (getString(W_MODE_CONFIG).equals("unsafe")) {
      return WriteConcern.W1;
    }
    if (uri != null && uri.getWriteConcern() != null && !isSet(W_MODE_CONFIG)) {
      return uri.getWriteConcern();
    }
    return topology == Topology.SINGLE && uri == null
        ? WriteConcern.ACKNOWLEDGED
        : WriteConcern.MAJORITY;
  }

  /** Where the servers are, for messages: never with credentials. */
  String describe() {
    if (uri != null) {
      return "mongo.uri hosts " + uri.getHosts() + ", database " + database();
    }
    return topology.name().toLowerCase(Locale.ROOT)
        + " "
        + getList(SERVER_CONFIG)
        + ", database "
        + database();
  }

  /** The key a connection failure is blamed on. */
  String connectionKey() {
    return uri != null ? URI_CONFIG : SERVER_CONFIG;
  }

  MongoClientSettings clientSettings() {
    int timeout = getInt(TIMEOUT_CONFIG);
    int pool =
        isSet(C_POOL_SIZE_CONFIG) && !isSet(POOL_SIZE_CONFIG)
            ? getInt(C_POOL_SIZE_CONFIG)
            : getInt(POOL_SIZE_CONFIG);
    MongoClientSettings.Builder b = MongoClientSettings.builder();
    if (uri != null) {
      b.applyConnectionString(uri);
      if (isSet(POOL_SIZE_CONFIG)
          || isSet(C_POOL_SIZE_CONFIG)
          || uri.getMaxConnectionPoolSize() == null) {
        b.applyToConnectionPoolSettings(p -> p.maxSize(pool));
      }
    } else {
      b.applyToClusterSettings(
          c -> {
            if (srv()) {
              c.srvHost(servers.get(0).getHost());
            } else {
              c.hosts(servers);
              c.mode(
                  topology == Topology.SINGLE
                      ? ClusterConnectionMode.SINGLE
                      : ClusterConnectionMode.MULTIPLE);
            }
            if (topology == Topology.RS) {
              c.requiredReplicaSetName(getString(RS_SET_NAME_CONFIG));
              c.requiredClusterType(ClusterType.REPLICA_SET);
            } else if (topology == Topology.SHARDED) {
              c.requiredClusterType(ClusterType.SHARDED);
            }
          });
      String login = getString(LOGIN_CONFIG);
      if (!blank(login)) {
        Password p = getPassword(PASSWORD_CONFIG);
        b.credential(
            MongoCredential.createCredential(
                login,
                getString(AUTH_SOURCE_CONFIG),
                p == null ? new char[0] : p.value().toCharArray()));
      }
      b.applyToConnectionPoolSettings(p -> p.maxSize(pool));
      if (getBoolean(SSL_CONFIG)) {
        b.applyToSslSettings(s -> s.enabled(true).context(TlsStores.context(this, "mongo")));
      }
    }
    if (uri != null && getBoolean(SSL_CONFIG)) {
      b.applyToSslSettings(s -> s.enabled(true).context(TlsStores.context(this, "mongo")));
    }
    return b.applicationName("mqtt-persistence")
        .retryWrites(true)
        .retryReads(true)
        .writeConcern(writeConcern())
        .applyToClusterSettings(c -> c.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(
            s ->
                s.connectTimeout(timeout, TimeUnit.MILLISECONDS)
                    .readTimeout(timeout, TimeUnit.MILLISECONDS))
        .build();
  }
}
