package io.mqttpersistence.connect.jdbc.testing;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import io.mqttpersistence.connect.jdbc.SqlAction;
import java.util.List;

/** What the shared SQL suites need to know of one connector and the server it is tested against. */
public interface SqlTestTarget {

  /** The connector's key prefix and config example name: "pgsql", "mysql". */
  String prefix();

  /** How the connector names its database in messages. */
  String displayName();

  Class<?> connectorClass();

  SinkDefinition<SqlAction, ? extends JdbcSinkConfig> definition();

  /** A fresh database on the server under test. */
  default SqlTestDatabase createDatabase() {
    return createDatabase(defaultServer());
  }

  String defaultServer();

  SqlTestDatabase createDatabase(String server);

  /** The DDL EMQX shipped for this database, as its users' tables look. */
  List<String> emqxTables();

  /** A server of the test's own, on a free port, that it may stop and start. */
  RestartableServer startPrivateServer() throws Exception;
}
