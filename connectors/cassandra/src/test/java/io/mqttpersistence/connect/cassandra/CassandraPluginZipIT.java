package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.mqttpersistence.connect.common.testing.PluginZipSuite;
import java.util.List;
import java.util.Map;

class CassandraPluginZipIT extends PluginZipSuite {
  private final CassandraStore store = new CassandraStore(CassandraTestServer.nodes());
  private Map<String, String> connection;

  @Override
  protected String connectorName() {
    return "cassandra";
  }

  @Override
  protected String connectorClass() {
    return CassandraSinkConnector.class.getName();
  }

  @Override
  protected List<String> expectedLib() {
    return List.of(
        "mqtt-persistence-cassandra-${version}.jar",
        "mqtt-persistence-common-${version}.jar",
        "avro-1.12.0.jar",
        "java-driver-core-4.19.2.jar",
        "java-driver-guava-shaded-4.19.2.jar",
        "native-protocol-1.5.2.jar",
        "netty-buffer-4.1.119.Final.jar",
        "netty-codec-4.1.119.Final.jar",
        "netty-common-4.1.119.Final.jar",
        "netty-handler-4.1.119.Final.jar",
        "netty-resolver-4.1.119.Final.jar",
        "netty-transport-4.1.119.Final.jar",
        "netty-transport-native-unix-common-4.1.119.Final.jar",
        "config-1.4.1.jar",
        "metrics-core-4.1.18.jar",
        "HdrHistogram-2.2.2.jar",
        "reactive-streams-1.0.3.jar",
        "jackson-annotations-2.19.2.jar",
        "jackson-core-2.19.2.jar",
        "jackson-databind-2.19.2.jar");
  }

  @Override
  protected Map<String, String> connection() {
    if (connection == null) {
      connection = store.freshStore();
    }
    return connection;
  }

  @Override
  protected boolean clientOnline(String clientid) {
    List<Row> rows =
        store.rows(
            "SELECT state FROM client WHERE clientid = '" + clientid.replace("'", "''") + "'");
    return !rows.isEmpty() && !rows.get(0).isNull("state") && rows.get(0).getInt("state") == 1;
  }
}
