package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.testing.LocalServers;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL connector under the shared SQL suites; private servers are embedded PostgreSQL.
 */
final class PgsqlTarget {

  /** The machine's server ({@code -Dit.pgsql.server}, default 127.0.0.1:5432), trust auth. */
  static final String SERVER = System.getProperty("it.pgsql.server", "127.0.0.1:5432");

  private static final SqlTestDatabase.ServerKind KIND =
      new SqlTestDatabase.ServerKind(
          "jdbc:postgresql://",
          "postgres",
          "",
          System.getProperty("it.pgsql.user", "postgres"),
          "",
          "",
          " WITH (FORCE)");

  static final SqlTestTarget INSTANCE =
      new SqlTestTarget(
          "pgsql",
          "PostgreSQL",
          PgsqlSinkConnector.class,
          PgsqlSinkConnector.DEFINITION,
          SERVER,
          KIND,
          emqxTables(),
          PgsqlTarget::startPrivateServer,
          // The machine's server trusts loopback logins: it takes any password, so the tests can
          // show that a password is never shown, not that it is checked.
          new SqlTestTarget.Logins() {
            @Override
            public List<String> create(String user, String password, String database) {
              return List.of();
            }

            @Override
            public List<String> drop(String user) {
              return List.of();
            }
          });

  private PgsqlTarget() {}

  private static RestartableServer startPrivateServer() throws IOException {
    return new EmbeddedServer(
        Files.createTempDirectory("mqttp-pg-restart"), LocalServers.freePort(), Map.of());
  }

  /** An embedded server that speaks TLS (ssl=on) with the certificate {@code certificates} made. */
  static RestartableServer startTlsServer(TestCertificates certificates) throws IOException {
    return new EmbeddedServer(
        Files.createTempDirectory("mqttp-pg-tls"),
        LocalServers.freePort(),
        Map.of(
            "ssl", "on",
            "ssl_cert_file", certificates.serverCert().toString(),
            "ssl_key_file", certificates.serverKey().toString()));
  }

  /** etc/sql/emqx_backend_pgsql.sql of EMQX 4.4. */
  private static List<String> emqxTables() {
    return List.of(
        "CREATE TABLE mqtt_client(id SERIAL8 primary key, clientid character varying(64), state integer,"
            + " node character varying(64), online_at timestamp, offline_at timestamp,"
            + " created timestamp without time zone, UNIQUE (clientid))",
        "CREATE TABLE mqtt_sub(id SERIAL8 primary key, clientid character varying(64),"
            + " topic character varying(255), qos integer, created timestamp without time zone,"
            + " UNIQUE (clientid, topic))",
        "CREATE TABLE mqtt_msg (id SERIAL8 primary key, msgid character varying(64),"
            + " sender character varying(64), topic character varying(255), qos integer, retain integer,"
            + " payload text, arrived timestamp without time zone)",
        "CREATE TABLE mqtt_retain(id SERIAL8 primary key, topic character varying(255),"
            + " msgid character varying(64), sender character varying(64), qos integer, payload text,"
            + " arrived timestamp without time zone, UNIQUE (topic))",
        "CREATE TABLE mqtt_acked (id SERIAL8 primary key, clientid character varying(64),"
            + " topic character varying(64), mid integer, created timestamp without time zone,"
            + " UNIQUE (clientid, topic))");
  }

  private static final class EmbeddedServer implements RestartableServer {
    private final Path data;
    private final int port;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres pg;

    EmbeddedServer(Path data, int port, Map<String, String> serverConfig) throws IOException {
      this.data = data;
      this.port = port;
      this.serverConfig = serverConfig;
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
      EmbeddedPostgres.Builder b =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port);
      serverConfig.forEach(b::setServerConfig);
      pg = b.start();
    }

    @Override
    public void close() throws IOException {
      pg.close();
    }
  }
}
