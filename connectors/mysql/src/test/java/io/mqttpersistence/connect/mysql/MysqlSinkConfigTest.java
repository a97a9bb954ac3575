package io.mqttpersistence.connect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MysqlSinkConfigTest {

  @Test
  void emqxUserKeyIsAnAliasOfUsername() {
    assertThat(new MysqlSinkConfig(Map.of()).username()).isEqualTo("root");
    assertThat(new MysqlSinkConfig(Map.of("mysql.user", "emqx")).username()).isEqualTo("emqx");
    assertThat(
            new MysqlSinkConfig(Map.of("mysql.user", "emqx", "mysql.username", "emqx")).username())
        .isEqualTo("emqx");
    assertThatThrownBy(() -> new MysqlSinkConfig(Map.of("mysql.user", "a", "mysql.username", "b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mysql.user");
  }

  @Test
  void serversGetTheDefaultPortAndFormOneFailoverUrl() {
    MysqlSinkConfig config =
        new MysqlSinkConfig(Map.of("mysql.server", "db1, db2:3307", "mysql.database", "emqx"));
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:mysql://db1:3306,db2:3307/emqx");
    assertThatThrownBy(() -> new MysqlSinkConfig(Map.of("mysql.server", "db1:http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port is not a number");
  }

  @Test
  void tlsIsOffUnlessAskedForAndThenVerifiesTheServer() {
    Properties plain = new MysqlSinkConfig(Map.of()).driverProperties();
    assertThat(plain.getProperty("sslMode")).isEqualTo("DISABLED");
    assertThat(plain.getProperty("rewriteBatchedStatements")).isEqualTo("true");
    assertThat(plain.getProperty("connectionTimeZone")).isEqualTo("UTC");

    Properties tls =
        new MysqlSinkConfig(
                Map.of(
                    "mysql.ssl",
                    "true",
                    "mysql.ssl.truststore",
                    "/etc/ca.p12",
                    "mysql.ssl.truststore.password",
                    "s3cret",
                    "mysql.password",
                    "hunter2"))
            .driverProperties();
    assertThat(tls.getProperty("sslMode")).isEqualTo("VERIFY_IDENTITY");
    assertThat(tls.getProperty("trustCertificateKeyStoreUrl")).isEqualTo("file:///etc/ca.p12");
    assertThat(tls.getProperty("trustCertificateKeyStorePassword")).isEqualTo("s3cret");
    assertThat(tls.values())
        .as("the login password goes to the pool, not the driver properties")
        .doesNotContain("hunter2");
  }

  @Test
  void passwordsAreHiddenWhereConfigsArePrinted() {
    MysqlSinkConfig config = new MysqlSinkConfig(Map.of("mysql.password", "hunter2"));
    assertThat(config.values().get("mysql.password").toString()).doesNotContain("hunter2");
    assertThat(config.password()).isEqualTo("hunter2");
  }
}
