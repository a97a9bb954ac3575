package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.connect.TlsStores;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.template.Placeholders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;

/** What the Cassandra connector adds to the family: its keys, functions, CQL and session. */
final class CassandraDefinition implements SinkDefinition<CassandraAction, CassandraSinkConfig> {
  /** Lookups of one group that run at once; each is a few single-partition reads. */
  private static final int LOOKUP_THREADS = 8;

  @Override
  public ConfigDef configDef() {
    return CassandraSinkConfig.CONFIG_DEF;
  }

  @Override
  public CassandraSinkConfig parseConfig(Map<String, String> props) {
    return new CassandraSinkConfig(props);
  }

  @Override
  public CassandraAction compile(HookSpec hook, CassandraSinkConfig config) {
    if (hook.action() instanceof ActionSpec.Function f) {
      return new CassandraFunctions(config.messageIdFormat(), config.messageTtlSeconds())
          .compile(hook, f.name());
    }
    ActionSpec.Statements statements = (ActionSpec.Statements) hook.action();
    if (!statements.kind().equals("cql")) {
      throw new HookConfigException(
          hook.configKey(), "Cassandra runs \"cql\" statements, not \"" + statements.kind() + "\"");
    }
    return CqlTemplateAction.compile(
        hook.configKey(), statements.statements(), new Placeholders(config.messageIdFormat()));
  }

  @Override
  public boolean isLookup(CassandraAction action) {
    return action.isLookup();
  }

  @Override
  public CassandraEventStore openStore(
      CassandraSinkConfig config, HookTable<CassandraAction> hooks) {
    try {
      if (config.schemaCreate()) {
        try (CqlSession bootstrap = CassandraSessions.open(config, false)) {
          CassandraSchema.create(bootstrap, config.keyspace());
        }
      }
      CqlSession session = CassandraSessions.open(config, true);
      try {
        PreparedStatements prepared = new PreparedStatements(session);
        CassandraCql.BUILT_INS.forEach(prepared::get);
        for (HookTable.Entry<CassandraAction> e : hooks.all()) {
          if (e.action() instanceof CqlTemplateAction raw) {
            prepareRaw(prepared, raw);
          }
        }
        return new CassandraEventStore(
            session,
            new CassandraWrites(session, prepared, config.maxConcurrentRequests()),
            new CassandraLookups(session, prepared),
            LOOKUP_THREADS);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (DriverException e) {
      throw new ConnectException(
          "could not prepare Cassandra (" + config.describe() + "): " + e.getMessage(), e);
    }
  }

  /** A raw statement Cassandra rejects fails the start, naming its hook. */
  private static void prepareRaw(PreparedStatements prepared, CqlTemplateAction raw) {
    for (String cql : raw.cql()) {
      try {
        prepared.get(cql);
      } catch (DriverException e) {
        if (CassandraErrors.isTransient(e)) {
          throw e;
        }
        throw new ConnectException(
            raw.configKey() + ": Cassandra rejects '" + cql + "': " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Optional<Map.Entry<String, String>> checkConnection(CassandraSinkConfig config) {
    try (CqlSession session = CassandraSessions.open(config, false)) {
      session.execute("SELECT release_version FROM system.local");
      if (!config.schemaCreate()
          && session
              .getMetadata()
              .getKeyspace(
                  com.datastax.oss.driver.api.core.CqlIdentifier.fromCql(config.keyspace()))
              .isEmpty()) {
        return Optional.of(
            Map.entry(
                CassandraSinkConfig.KEYSPACE_CONFIG,
                "keyspace "
                    + config.keyspace()
                    + " does not exist and "
                    + CassandraSinkConfig.SCHEMA_CREATE_CONFIG
                    + " is false"));
      }
      return Optional.empty();
    } catch (DriverException | IllegalStateException e) {
      if (TlsStores.isHandshakeFailure(e)) {
        return Optional.of(
            Map.entry(
                "cassandra.ssl.truststore",
                "the TLS handshake with Cassandra ("
                    + config.describe()
                    + ") failed: "
                    + handshakeMessage(e)));
      }
      return Optional.of(
          Map.entry(
              CassandraSinkConfig.NODES_CONFIG,
              "cannot reach Cassandra (" + config.describe() + "): " + e.getMessage()));
    }
  }

  /** The driver keeps each node's error as a suppressed one of the all-nodes failure. */
  private static String handshakeMessage(Throwable e) {
    for (Throwable node : e.getSuppressed()) {
      if (TlsStores.isHandshakeFailure(node)) {
        return TlsStores.handshakeFailureMessage(node);
      }
    }
    return TlsStores.handshakeFailureMessage(e);
  }
}
