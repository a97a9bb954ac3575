package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlPluginZipSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import java.util.List;

class PgsqlPluginZipIT extends SqlPluginZipSuite {
  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE;
  }

  @Override
  protected List<String> expectedLib() {
    return List.of(
        "mqtt-persistence-pgsql-${version}.jar",
        "mqtt-persistence-jdbc-core-${version}.jar",
        "mqtt-persistence-common-${version}.jar",
        "avro-1.12.0.jar",
        "HikariCP-6.3.3.jar",
        "postgresql-42.7.14.jar",
        "checker-qual-3.55.1.jar",
        "jackson-annotations-2.19.2.jar",
        "jackson-core-2.19.2.jar",
        "jackson-databind-2.19.2.jar");
  }
}
