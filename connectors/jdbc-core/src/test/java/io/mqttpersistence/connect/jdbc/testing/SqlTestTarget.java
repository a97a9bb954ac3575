package io.mqttpersistence.connect.jdbc.testing;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import io.mqttpersistence.connect.jdbc.SqlAction;
import java.util.List;

/**
 * What the shared SQL suites need to know of one connector and the server it is tested against: a
 * value per database, not a class.
 *
 * @param prefix the connector's key prefix and config example name: "pgsql", "mysql"
 * @param displayName how the connector names its database in messages
 * @param defaultServer host:port of the machine's server the suites use
 * @param serverKind how to create and reach a throw-away database there
 * @param emqxTables the DDL EMQX shipped for this database, as its users' tables look
 * @param privateServers starts a server of the test's own, on a free port, that it may stop
 * @param logins how the server makes a login that has to give a password
 */
public record SqlTestTarget(
    String prefix,
    String displayName,
    Class<?> connectorClass,
    SinkDefinition<SqlAction, ? extends JdbcSinkConfig> definition,
    String defaultServer,
    SqlTestDatabase.ServerKind serverKind,
    List<String> emqxTables,
    PrivateServers privateServers,
    Logins logins) {

  /** How the server under test makes a login whose password it checks. */
  public interface Logins {
    /**
     * Statements, run as the administrator, that create {@code user} with {@code password} and
     * every right on {@code database}; empty where the server does not check passwords.
     */
    List<String> create(String user, String password, String database);

    List<String> drop(String user);
  }

  /** Starts a private server of this database. */
  @FunctionalInterface
  public interface PrivateServers {
    RestartableServer start() throws Exception;
  }

  public SqlTestTarget {
    emqxTables = List.copyOf(emqxTables);
  }

  /** The same target on another server, e.g. a container's mapped port. */
  public SqlTestTarget withServer(String server) {
    return new SqlTestTarget(
        prefix,
        displayName,
        connectorClass,
        definition,
        server,
        serverKind,
        emqxTables,
        privateServers,
        logins);
  }

  /** A fresh database on the server under test. */
  public SqlTestDatabase createDatabase() {
    return createDatabase(defaultServer);
  }

  public SqlTestDatabase createDatabase(String server) {
    return SqlTestDatabase.create(serverKind, server);
  }

  public RestartableServer startPrivateServer() throws Exception {
    return privateServers.start();
  }
}
