package io.mqttpersistence.tools.convert;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One EMQX 4 backend plugin and the connector that replaces it: where its keys live and what each
 * pool option becomes. Options are EMQX's names; the connectors kept most of them under their
 * prefix ({@code backend.pgsql.pool1.pool_size} is {@code pgsql.pool_size}).
 */
enum Backend {
  PGSQL(
      "pgsql",
      "backend.pgsql.",
      "backend.pgsql.",
      "io.mqttpersistence.connect.pgsql.PgsqlSinkConnector",
      Map.ofEntries(
          same("pgsql", "server"),
          same("pgsql", "pool_size"),
          same("pgsql", "username"),
          same("pgsql", "password"),
          same("pgsql", "database"),
          same("pgsql", "ssl"),
          Map.entry("ssl_opts.keyfile", new Option.Mapped("pgsql.ssl.key")),
          Map.entry("ssl_opts.certfile", new Option.Mapped("pgsql.ssl.cert")),
          Map.entry("ssl_opts.cacertfile", new Option.Mapped("pgsql.ssl.rootcert")),
          Map.entry("encoding", new Option.Ignored("the driver always speaks UTF-8")))),
  MYSQL(
      "mysql",
      "backend.mysql.",
      "backend.mysql.",
      "io.mqttpersistence.connect.mysql.MysqlSinkConnector",
      Map.ofEntries(
          same("mysql", "server"),
          same("mysql", "pool_size"),
          Map.entry("user", new Option.Mapped("mysql.username")),
          same("mysql", "username"),
          same("mysql", "password"),
          same("mysql", "database"),
          Map.entry("encoding", new Option.Ignored("the connector always uses utf8mb4")))),
  REDIS(
      "redis",
      "backend.redis.",
      "backend.redis.",
      "io.mqttpersistence.connect.redis.RedisSinkConnector",
      Map.ofEntries(
          same("redis", "type"),
          same("redis", "server"),
          same("redis", "sentinel"),
          same("redis", "pool_size"),
          same("redis", "database"),
          same("redis", "password"),
          Map.entry("query_timeout", new Option.Mapped("redis.timeout.ms", Durations::toMillis)),
          Map.entry(
              "channel",
              new Option.Ignored(
                  "EMQX listened on this channel for commands to run; the connector only writes"
                      + " what Kafka brings")),
          Map.entry("auto_reconnect", new Option.Ignored("the connector always reconnects")))),
  MONGO(
      "mongo",
      "backend.mongo.",
      "backend.mongo.",
      "io.mqttpersistence.connect.mongo.MongoSinkConnector",
      Map.ofEntries(
          same("mongo", "type"),
          same("mongo", "rs_set_name"),
          same("mongo", "srv_record"),
          same("mongo", "server"),
          Map.entry("c_pool_size", new Option.Mapped("mongo.pool_size")),
          same("mongo", "database"),
          same("mongo", "login"),
          same("mongo", "password"),
          same("mongo", "auth_source"),
          same("mongo", "ssl"),
          same("mongo", "w_mode"),
          same("mongo", "r_mode"),
          pem("keyfile", "mongo.ssl.keystore"),
          pem("certfile", "mongo.ssl.keystore"),
          pem("cacertfile", "mongo.ssl.truststore"),
          pem("ssl_opts.keyfile", "mongo.ssl.keystore"),
          pem("ssl_opts.certfile", "mongo.ssl.keystore"),
          pem("ssl_opts.cacertfile", "mongo.ssl.truststore"))),
  CASSANDRA(
      "cassandra",
      "backend.cassa.",
      "backend.ecql.",
      "io.mqttpersistence.connect.cassandra.CassandraSinkConnector",
      Map.ofEntries(
          same("cassandra", "nodes"),
          same("cassandra", "size"),
          same("cassandra", "username"),
          same("cassandra", "password"),
          same("cassandra", "keyspace"),
          Map.entry(
              "auto_reconnect",
              new Option.Ignored("the driver always reconnects, backing off from 1 s to 60 s")),
          Map.entry(
              "logger",
              new Option.Ignored(
                  "the driver logs through the worker's logging (logger com.datastax.oss.driver)"))));

  /** The connector's short name, the prefix of its connection keys. */
  final String connector;

  /** Where hooks and plugin-wide settings start: {@code backend.cassa.} for Cassandra. */
  final String pluginPrefix;

  /** Where pools start: {@code backend.ecql.} for Cassandra, else the plugin prefix. */
  final String poolPrefix;

  final String connectorClass;

  @SuppressWarnings("ImmutableEnumChecker") // always a Map.ofEntries, which cannot change
  private final Map<String, Option> poolOptions;

  Backend(
      String connector,
      String pluginPrefix,
      String poolPrefix,
      String connectorClass,
      Map<String, Option> poolOptions) {
    this.connector = connector;
    this.pluginPrefix = pluginPrefix;
    this.poolPrefix = poolPrefix;
    this.connectorClass = connectorClass;
    this.poolOptions = poolOptions;
  }

  private static Map.Entry<String, Option> same(String prefix, String option) {
    return Map.entry(option, new Option.Mapped(prefix + "." + option));
  }

  private static Map.Entry<String, Option> pem(String option, String store) {
    return Map.entry(
        option,
        new Option.Unmappable(
            "the connector reads key and trust stores, not PEM files: put this file into a PKCS12"
                + " store (openssl pkcs12 -export, or keytool -importcert for a CA) and set "
                + store
                + " and its password"));
  }

  /** Every connector key a pool option can become. */
  java.util.Set<String> targetKeys() {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    poolOptions.values().stream()
        .filter(o -> o instanceof Option.Mapped)
        .forEach(o -> keys.add(((Option.Mapped) o).key()));
    return keys;
  }

  /** What a pool option becomes, if the connector knows it. */
  Optional<Option> poolOption(String option) {
    return Optional.ofNullable(poolOptions.get(option));
  }

  /**
   * What a plugin-wide setting (not a hook, not a pool option) becomes: EMQX's global offline-fetch
   * limits, Redis's old message expiry, MongoDB's topology tuning.
   */
  Optional<Option> pluginOption(String key) {
    String rest = key.substring(pluginPrefix.length());
    if (rest.equals("max_returned_count") || rest.equals("time_range")) {
      return Optional.of(
          new Option.Unmappable(
              "set it per hook instead: \"offline_opts\": {\""
                  + rest
                  + "\": ...} on the"
                  + " session.subscribed hook that fetches messages"));
    }
    if (this == REDIS && rest.equals("msg.expired_after")) {
      return Optional.of(
          new Option.Unmappable(
              "set \"expired_time\" on the message.publish hooks instead (EMQX 4.x reads it"
                  + " there)"));
    }
    if (this == MONGO && rest.startsWith("topology.")) {
      return Optional.of(
          new Option.Ignored(
              "the MongoDB driver's own pool and monitoring apply; mongo.timeout.ms sets the"
                  + " connect, server-selection and read timeouts"));
    }
    return Optional.empty();
  }

  /** The backend whose keys {@code key} belongs to, hook or pool. */
  static Optional<Backend> of(String key) {
    for (Backend b : values()) {
      if (key.startsWith(b.pluginPrefix) || key.startsWith(b.poolPrefix)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The default connector name for one pool: {@code emqx-pgsql-pool1}. */
  String connectorName(String pool) {
    return "emqx-" + connector + "-" + pool.toLowerCase(Locale.ROOT);
  }
}
