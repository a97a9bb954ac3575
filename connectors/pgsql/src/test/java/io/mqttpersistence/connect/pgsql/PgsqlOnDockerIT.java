package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The shared SQL feature suite against the newest PostgreSQL image (the machine here runs 15, the
 * restart test an embedded 14), where a Docker engine runs; skipped without one. Trust
 * authentication for user postgres, as the local tests use.
 */
@Testcontainers(disabledWithoutDocker = true)
class PgsqlOnDockerIT extends SqlSinkFeatureSuite {
  @Container
  private static final PostgreSQLContainer<?> POSTGRES =
      new PostgreSQLContainer<>("postgres:17.2")
          .withUsername("postgres")
          .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");

  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE.withServer(POSTGRES.getHost() + ":" + POSTGRES.getMappedPort(5432));
  }
}
