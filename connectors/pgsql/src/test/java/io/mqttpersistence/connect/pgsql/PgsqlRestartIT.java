package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlRestartSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The restart suite against an embedded PostgreSQL this test owns. */
class PgsqlRestartIT extends SqlRestartSuite {

  @Override
  protected RestartableServer startServer() throws IOException {
    return new EmbeddedServer(Files.createTempDirectory("mqttp-pg-restart"), freePort());
  }

  @Override
  protected SqlTestDatabase createDatabase(String server) {
    return PgsqlTestDatabase.create(server);
  }

  @Override
  protected String prefix() {
    return "pgsql";
  }

  @Override
  protected Class<?> connectorClass() {
    return PgsqlSinkConnector.class;
  }

  private static final class EmbeddedServer implements RestartableServer {
    private final Path data;
    private final int port;
    private EmbeddedPostgres pg;

    EmbeddedServer(Path data, int port) throws IOException {
      this.data = data;
      this.port = port;
      start();
    }

    @Override
    public String server() {
      return "127.0.0.1:" + port;
    }

    @Override
    public void stop() throws IOException {
      pg.close();
    }

    @Override
    public void start() throws IOException {
      pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Override
    public void close() throws IOException {
      pg.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
