package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.testing.PluginZipSuite;
import java.util.List;
import java.util.Map;

class MongoPluginZipIT extends PluginZipSuite {
  private final String database = MongoTestServer.freshDatabase();

  @Override
  protected String connectorName() {
    return "mongo";
  }

  @Override
  protected String connectorClass() {
    return MongoSinkConnector.class.getName();
  }

  @Override
  protected List<String> expectedLib() {
    return List.of(
        "mqtt-persistence-mongo-${version}.jar",
        "mqtt-persistence-common-${version}.jar",
        "avro-1.12.0.jar",
        "mongodb-driver-sync-5.14.0.jar",
        "mongodb-driver-core-5.14.0.jar",
        "bson-5.14.0.jar",
        "bson-record-codec-5.14.0.jar",
        "jackson-annotations-2.19.2.jar",
        "jackson-core-2.19.2.jar",
        "jackson-databind-2.19.2.jar");
  }

  @Override
  protected Map<String, String> connection() throws Exception {
    return MongoTestServer.shared().connection(database);
  }

  @Override
  protected boolean clientOnline(String clientid) throws Exception {
    try (var client = MongoTestServer.shared().client()) {
      var d =
          client
              .getDatabase(database)
              .getCollection("mqtt_client")
              .find(com.mongodb.client.model.Filters.eq("clientid", clientid))
              .first();
      return d != null && Integer.valueOf(1).equals(d.getInteger("state"));
    }
  }
}
