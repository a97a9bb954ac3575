package io.mqttpersistence.connect.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.mqttpersistence.connect.common.testing.Snapshot;
import io.mqttpersistence.connect.common.testing.StoreUnderTest;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * EMQX's Mongo collections as the shared suites read them: a fresh database per {@link
 * #freshStore}.
 */
final class MongoStore implements StoreUnderTest {
  private final MongoTestServer server;
  private final MongoClient client;
  private String database;

  MongoStore(MongoTestServer server) {
    this.server = server;
    this.client = server.client();
  }

  MongoDatabase db() {
    return client.getDatabase(database);
  }

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public String connectorClass() {
    return MongoSinkConnector.class.getName();
  }

  @Override
  public Map<String, String> freshStore() {
    dropDatabase();
    database = MongoTestServer.freshDatabase();
    return server.connection(database);
  }

  @Override
  public Map<String, String> writeHooks() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("hook.client.connected.1", TestConfigs.function("on_client_connected"));
    h.put("hook.client.disconnected.1", TestConfigs.function("on_client_disconnected"));
    h.put(
        "hook.message.publish.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"},"
            + " \"payload_format\": \"plain_text\"}");
    h.put(
        "hook.message.publish.2",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_retain\"},"
            + " \"payload_format\": \"plain_text\"}");
    h.put("hook.message.publish.3", TestConfigs.function("#", "on_retain_delete"));
    h.put("hook.message.acked.1", TestConfigs.function("#", "on_message_acked"));
    return h;
  }

  @Override
  public Snapshot snapshot() {
    MongoDatabase db = db();
    Map<String, Snapshot.Client> clients = new LinkedHashMap<>();
    for (Document d : db.getCollection("mqtt_client").find()) {
      clients.put(
          d.getString("clientid"),
          new Snapshot.Client(
              d.getInteger("state"),
              MongoValues.epochMs(d.get("online_at")),
              MongoValues.epochMs(d.get("offline_at"))));
    }
    Map<String, Snapshot.Message> messages = new LinkedHashMap<>();
    Map<Long, String> msgids = new HashMap<>();
    for (Document d : db.getCollection("mqtt_msg").find()) {
      msgids.put(((Number) d.get("_id")).longValue(), d.getString("msgid"));
      messages.put(
          d.getString("msgid"),
          new Snapshot.Message(
              d.getString("sender"),
              d.getString("topic"),
              d.getInteger("qos"),
              d.getBoolean("retain"),
              String.valueOf(d.get("payload")),
              MongoValues.epochMs(d.get("arrived"))));
    }
    Map<String, Snapshot.Retained> retained = new LinkedHashMap<>();
    for (Document d : db.getCollection("mqtt_retain").find()) {
      retained.put(
          d.getString("topic"),
          new Snapshot.Retained(
              d.getString("msgid"),
              d.getString("sender"),
              d.getInteger("qos"),
              String.valueOf(d.get("payload")),
              MongoValues.epochMs(d.get("arrived"))));
    }
    Map<String, String> cursors = new LinkedHashMap<>();
    for (Document d : db.getCollection("mqtt_acked").find()) {
      Object id = d.get("mongo_id");
      cursors.put(
          Snapshot.cursorKey(d.getString("clientid"), d.getString("topic")),
          id == null ? "" : msgids.getOrDefault(((Number) id).longValue(), ""));
    }
    return new Snapshot(clients, messages, retained, cursors);
  }

  private void dropDatabase() {
    if (database != null) {
      client.getDatabase(database).drop();
      database = null;
    }
  }

  @Override
  public void close() {
    dropDatabase();
    client.close();
  }
}
