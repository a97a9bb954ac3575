package io.mqttpersistence.connect.mysql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The MySQL connector under the shared SQL suites; private servers are mariadbd processes. */
final class MysqlTarget {

  /**
   * The machine's MySQL or MariaDB server ({@code -Dit.mysql.server}, default 127.0.0.1:3306, user
   * {@code -Dit.mysql.user}, default root without a password).
   */
  static final String SERVER = System.getProperty("it.mysql.server", "127.0.0.1:3306");

  /** tinyint(1) read as a number, as the connector does, not as a boolean. */
  private static final SqlTestDatabase.ServerKind KIND =
      new SqlTestDatabase.ServerKind(
          "jdbc:mysql://",
          "",
          "?tinyInt1isBit=false&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
              + "&sslMode=DISABLED&allowPublicKeyRetrieval=true",
          System.getProperty("it.mysql.user", "root"),
          System.getProperty("it.mysql.password", ""),
          " CHARACTER SET utf8mb4",
          "");

  static final SqlTestTarget INSTANCE =
      new SqlTestTarget(
          "mysql",
          "MySQL",
          MysqlSinkConnector.class,
          MysqlSinkConnector.DEFINITION,
          SERVER,
          KIND,
          emqxTables(),
          MysqlTarget::startPrivateServer,
          new SqlTestTarget.Logins() {
            // '%' and 'localhost' both: a TCP login from 127.0.0.1 may resolve to either.
            @Override
            public List<String> create(String user, String password, String database) {
              List<String> sql = new ArrayList<>();
              for (String host : List.of("%", "localhost")) {
                String account = "'" + user + "'@'" + host + "'";
                sql.add("CREATE USER " + account + " IDENTIFIED BY '" + password + "'");
                sql.add("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account);
              }
              return sql;
            }

            @Override
            public List<String> drop(String user) {
              return List.of(
                  "DROP USER IF EXISTS '" + user + "'@'%'",
                  "DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
          });

  private MysqlTarget() {}

  /** A private mariadbd that also speaks TLS with the certificate {@code certificates} made. */
  static RestartableServer startTlsServer(TestCertificates certificates) throws Exception {
    Optional<Path[]> binaries = LocalMariadb.binaries();
    assumeTrue(binaries.isPresent(), "mariadbd and mariadb-install-db are not installed");
    return LocalMariadb.startTls(binaries.get(), certificates);
  }

  private static RestartableServer startPrivateServer() throws Exception {
    Optional<Path[]> binaries = LocalMariadb.binaries();
    assumeTrue(
        binaries.isPresent(),
        "mariadbd and mariadb-install-db are not installed (.ci/run installs them)");
    return LocalMariadb.start(binaries.get());
  }

  /** etc/sql/emqx_backend_mysql.sql of EMQX 4.4, whole seconds and 32-bit ids included. */
  private static List<String> emqxTables() {
    return List.of(
        "CREATE TABLE `mqtt_client` (`id` int(11) unsigned NOT NULL AUTO_INCREMENT, `clientid` varchar(64),"
            + " `state` varchar(3), `node` varchar(64), `online_at` datetime, `offline_at` datetime,"
            + " `created` timestamp NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`),"
            + " KEY `mqtt_client_idx` (`clientid`), UNIQUE KEY `mqtt_client_key` (`clientid`))"
            + " ENGINE=InnoDB DEFAULT CHARSET=utf8MB4",
        "CREATE TABLE `mqtt_sub` (`id` int(11) unsigned AUTO_INCREMENT, `clientid` varchar(64),"
            + " `topic` varchar(180), `qos` tinyint(1), `created` timestamp NULL DEFAULT CURRENT_TIMESTAMP,"
            + " PRIMARY KEY (`id`), KEY `mqtt_sub_idx` (`clientid`,`topic`,`qos`),"
            + " UNIQUE KEY `mqtt_sub_key` (`clientid`,`topic`), INDEX topic_index(`topic`))",
        "CREATE TABLE `mqtt_msg` (`id` int(11) unsigned AUTO_INCREMENT, `msgid` varchar(64),"
            + " `topic` varchar(180) NOT NULL, `sender` varchar(64), `node` varchar(64),"
            + " `qos` tinyint(1) NOT NULL DEFAULT '0', `retain` tinyint(1), `payload` blob,"
            + " `arrived` datetime NOT NULL, PRIMARY KEY (`id`), INDEX topic_index(`topic`, `id`))",
        "CREATE TABLE `mqtt_retain` (`id` int(11) unsigned AUTO_INCREMENT, `topic` varchar(180),"
            + " `msgid` varchar(64), `sender` varchar(64), `node` varchar(64), `qos` tinyint(1),"
            + " `payload` blob, `arrived` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`),"
            + " UNIQUE KEY `mqtt_retain_key` (`topic`))",
        "CREATE TABLE `mqtt_acked` (`id` int(11) unsigned AUTO_INCREMENT, `clientid` varchar(64),"
            + " `topic` varchar(180), `mid` int(11) unsigned, `created` timestamp NULL DEFAULT NULL,"
            + " PRIMARY KEY (`id`), UNIQUE KEY `mqtt_acked_key` (`clientid`,`topic`))");
  }
}
