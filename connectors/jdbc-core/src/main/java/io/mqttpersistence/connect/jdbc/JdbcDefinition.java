package io.mqttpersistence.connect.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.connect.TlsStores;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.template.Placeholders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A SQL connector of the family: the shared functions, raw {@code sql} actions, pool and schema
 * creation, with one database's dialect and keys.
 */
public final class JdbcDefinition<C extends JdbcSinkConfig>
    implements SinkDefinition<SqlAction, C> {
  private final SqlDialect dialect;
  private final ConfigDef configDef;
  private final Function<Map<String, String>, C> parser;

  /**
   * Compiling depends on the config only through the message id format: build each catalogue once.
   */
  private final Map<MessageIdFormat, JdbcFunctions> functions =
      new EnumMap<>(MessageIdFormat.class);

  private final Map<MessageIdFormat, Placeholders> placeholders =
      new EnumMap<>(MessageIdFormat.class);

  public JdbcDefinition(
      SqlDialect dialect, ConfigDef configDef, Function<Map<String, String>, C> parser) {
    this.dialect = dialect;
    this.configDef = configDef;
    this.parser = parser;
    for (MessageIdFormat f : MessageIdFormat.values()) {
      functions.put(f, new JdbcFunctions(dialect, f));
      placeholders.put(f, new Placeholders(f));
    }
  }

  @Override
  public ConfigDef configDef() {
    return configDef;
  }

  @Override
  public C parseConfig(Map<String, String> props) {
    return parser.apply(props);
  }

  @Override
  public SqlAction compile(HookSpec hook, C config) {
    if (hook.action() instanceof ActionSpec.Function f) {
      return functions.get(config.messageIdFormat()).compile(hook, f.name());
    }
    ActionSpec.Statements statements = (ActionSpec.Statements) hook.action();
    if (!statements.kind().equals("sql")) {
      throw new HookConfigException(
          hook.configKey(),
          dialect.displayName() + " runs \"sql\" actions, not \"" + statements.kind() + "\"");
    }
    return RawSqlAction.compile(
        hook.configKey(), statements.statements(), placeholders.get(config.messageIdFormat()));
  }

  @Override
  public boolean isLookup(SqlAction action) {
    return action.isLookup();
  }

  @Override
  public JdbcEventStore openStore(C config, HookTable<SqlAction> hooks) {
    HikariDataSource pool = new HikariDataSource(poolConfig(config));
    try {
      if (config.schemaCreate()) {
        try (Connection c = pool.getConnection()) {
          dialect.createSchema(c);
        }
      }
      return new JdbcEventStore(new JdbcExecutor(pool, dialect.errors()), dialect, pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new ConnectException(
          "could not prepare "
              + dialect.displayName()
              + " at "
              + config.jdbcUrl()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private HikariConfig poolConfig(C config) {
    HikariConfig h = new HikariConfig();
    h.setPoolName("mqtt-persistence-" + config.keys().prefix());
    h.setJdbcUrl(config.jdbcUrl());
    h.setUsername(config.username());
    h.setPassword(config.password());
    h.setDataSourceProperties(config.driverProperties());
    h.setMaximumPoolSize(config.poolSize());
    h.setMinimumIdle(1);
    h.setAutoCommit(false);
    // No statement relies on repeatable reads; without them MySQL takes no gap locks on what the
    // pending-ack resolution reads, so tasks resolving at once do not deadlock each other.
    h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // Waiting longer than this for a connection is reported as transient and retried by Connect.
    h.setConnectionTimeout(10_000);
    h.setInitializationFailTimeout(-1);
    return h;
  }

  @Override
  public Optional<Map.Entry<String, String>> checkConnection(C config) {
    Properties p = config.driverProperties();
    if (config.username() != null) {
      p.setProperty("user", config.username());
    }
    if (config.password() != null) {
      p.setProperty("password", config.password());
    }
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), p)) {
      c.isValid(5);
      return Optional.empty();
    } catch (SQLException e) {
      if (TlsStores.isHandshakeFailure(e)) {
        return Optional.of(
            Map.entry(
                config.tlsTrustKey(),
                "the TLS handshake with "
                    + config.jdbcUrl()
                    + " failed: "
                    + TlsStores.handshakeFailureMessage(e)));
      }
      return Optional.of(
          Map.entry(
              config.keys().server(),
              "cannot connect to "
                  + config.jdbcUrl()
                  + " as "
                  + config.username()
                  + ": "
                  + e.getMessage()));
    }
  }
}
