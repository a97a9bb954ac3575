package io.mqttpersistence.connect.pgsql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.jdbc.JdbcEventStore;
import io.mqttpersistence.connect.common.jdbc.JdbcExecutor;
import io.mqttpersistence.connect.common.jdbc.RawSqlAction;
import io.mqttpersistence.connect.common.jdbc.SqlAction;
import io.mqttpersistence.connect.common.jdbc.SqlErrors;
import io.mqttpersistence.connect.common.template.Placeholders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;

/** What the PostgreSQL connector adds to the family: its keys, functions, pool, schema and error codes. */
final class PgsqlDefinition implements SinkDefinition<SqlAction, PgsqlSinkConfig> {
  /** PostgreSQL states beyond the standard transient classes: lock timeout, query canceled by a failover. */
  static final SqlErrors ERRORS = new SqlErrors(Set.of("55P03", "57014", "25006"), Set.of());

  /** Compiling depends on the config only through the message id format: build each catalogue once. */
  private final Map<MessageIdFormat, PgsqlFunctions> functions = new EnumMap<>(MessageIdFormat.class);
  private final Map<MessageIdFormat, Placeholders> placeholders = new EnumMap<>(MessageIdFormat.class);

  PgsqlDefinition() {
    for (MessageIdFormat f : MessageIdFormat.values()) {
      functions.put(f, new PgsqlFunctions(f));
      placeholders.put(f, new Placeholders(f));
    }
  }

  @Override
  public ConfigDef configDef() {
    return PgsqlSinkConfig.CONFIG_DEF;
  }

  @Override
  public PgsqlSinkConfig parseConfig(Map<String, String> props) {
    return new PgsqlSinkConfig(props);
  }

  @Override
  public SqlAction compile(HookSpec hook, PgsqlSinkConfig config) {
    if (hook.action() instanceof ActionSpec.Function f) {
      return functions.get(config.messageIdFormat()).compile(hook, f.name());
    }
    ActionSpec.Statements statements = (ActionSpec.Statements) hook.action();
    if (!statements.kind().equals("sql")) {
      throw new HookConfigException(hook.configKey(), "PostgreSQL runs \"sql\" actions, not \""
          + statements.kind() + "\"");
    }
    return RawSqlAction.compile(hook.configKey(), statements.statements(),
        placeholders.get(config.messageIdFormat()));
  }

  @Override
  public boolean isLookup(SqlAction action) {
    return action.isLookup();
  }

  @Override
  public JdbcEventStore openStore(PgsqlSinkConfig config, HookTable<SqlAction> hooks) {
    HikariDataSource pool = new HikariDataSource(poolConfig(config));
    try {
      if (config.schemaCreate()) {
        try (Connection c = pool.getConnection()) {
          PgsqlSchema.create(c);
        }
      }
      return new JdbcEventStore(new JdbcExecutor(pool, ERRORS), pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new ConnectException("could not prepare PostgreSQL at " + config.jdbcUrl() + ": " + e.getMessage(), e);
    }
  }

  private static HikariConfig poolConfig(PgsqlSinkConfig config) {
    HikariConfig h = new HikariConfig();
    h.setPoolName("mqtt-persistence-pgsql");
    h.setJdbcUrl(config.jdbcUrl());
    h.setUsername(config.username());
    h.setPassword(config.password());
    h.setDataSourceProperties(config.driverProperties());
    h.setMaximumPoolSize(config.poolSize());
    h.setMinimumIdle(1);
    h.setAutoCommit(false);
    // Waiting longer than this for a connection is reported as transient and retried by Connect.
    h.setConnectionTimeout(10_000);
    h.setInitializationFailTimeout(-1);
    return h;
  }

  @Override
  public Optional<Map.Entry<String, String>> checkConnection(PgsqlSinkConfig config) {
    Properties p = config.driverProperties();
    if (config.username() != null) {
      p.setProperty("user", config.username());
    }
    if (config.password() != null) {
      p.setProperty("password", config.password());
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("loginTimeout", "5");
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), p)) {
      c.isValid(5);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(Map.entry(PgsqlSinkConfig.SERVER_CONFIG,
          "cannot connect to " + config.jdbcUrl() + " as " + config.username() + ": " + e.getMessage()));
    }
  }
}
