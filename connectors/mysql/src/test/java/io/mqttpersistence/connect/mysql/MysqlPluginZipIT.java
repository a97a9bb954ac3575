package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlPluginZipSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import java.util.List;

class MysqlPluginZipIT extends SqlPluginZipSuite {
  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE;
  }

  @Override
  protected List<String> expectedLib() {
    return List.of(
        "mqtt-persistence-mysql-${version}.jar",
        "mqtt-persistence-jdbc-core-${version}.jar",
        "mqtt-persistence-common-${version}.jar",
        "avro-1.12.0.jar",
        "HikariCP-6.3.3.jar",
        "mysql-connector-j-26.10.0.jar",
        "jackson-annotations-2.19.2.jar",
        "jackson-core-2.19.2.jar",
        "jackson-databind-2.19.2.jar");
  }
}
