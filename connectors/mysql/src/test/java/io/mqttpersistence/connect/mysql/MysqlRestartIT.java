package io.mqttpersistence.connect.mysql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlRestartSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import java.nio.file.Path;
import java.util.Optional;

/** The restart suite against a private MariaDB server this test starts, stops and starts again. */
class MysqlRestartIT extends SqlRestartSuite {

  @Override
  protected RestartableServer startServer() throws Exception {
    Optional<Path[]> binaries = LocalMariadb.binaries();
    assumeTrue(binaries.isPresent(), "mariadbd and mariadb-install-db are not installed (.ci/run installs them)");
    return LocalMariadb.start(binaries.get());
  }

  @Override
  protected SqlTestDatabase createDatabase(String server) {
    return MysqlTestDatabase.create(server);
  }

  @Override
  protected String prefix() {
    return "mysql";
  }

  @Override
  protected Class<?> connectorClass() {
    return MysqlSinkConnector.class;
  }
}
