package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The shared SQL feature suite against MySQL 8.4 (the machine here only runs MariaDB), where a
 * Docker engine runs; skipped without one. Root without a password, as the local tests use.
 */
@Testcontainers(disabledWithoutDocker = true)
class MysqlOnDockerIT extends SqlSinkFeatureSuite {
  @Container
  private static final MySQLContainer<?> MYSQL =
      new MySQLContainer<>("mysql:8.4.3").withUsername("root").withPassword("");

  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE.withServer(MYSQL.getHost() + ":" + MYSQL.getMappedPort(3306));
  }
}
