package io.mqttpersistence.demo;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Map;
import org.bson.Document;

/**
 * The demo's MongoDB: the one {@code -Ddemo.mongo.uri} names, or an in-JVM MongoDB-compatible
 * server (mongo-java-server, an imitation of the wire protocol); database mqtt_demo, dropped first.
 */
final class MongoDemoTarget implements DemoTarget, AutoCloseable {
  private final MongoServer server;
  private final String uri;
  private final MongoClient client;

  private MongoDemoTarget(MongoServer server, String uri) {
    this.server = server;
    this.uri = uri;
    this.client = MongoClients.create(uri);
  }

  static MongoDemoTarget start(String givenUri) {
    if (!givenUri.isBlank()) {
      return new MongoDemoTarget(null, givenUri);
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    var address = server.bind();
    return new MongoDemoTarget(server, "mongodb://127.0.0.1:" + address.getPort());
  }

  private MongoDatabase db() {
    return client.getDatabase(DATABASE);
  }

  @Override
  public void prepare() {
    db().drop();
  }

  /** The URI, and mongo.server saying the same hosts (config-examples/mongo.json sets it). */
  @Override
  public Map<String, String> connection() {
    String hosts = String.join(",", new ConnectionString(uri).getHosts());
    return Map.of("mongo.uri", uri, "mongo.server", hosts, "mongo.database", DATABASE);
  }

  @Override
  public boolean ready() {
    for (String name : db().listCollectionNames()) {
      if (name.equals("mqtt_ack_pending")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void addSampleSubscription() {
    db().getCollection("mqtt_sub")
        .insertOne(
            new Document("clientid", "dashboard")
                .append("topic", "sensors/+/temp")
                .append("qos", 1));
  }

  @Override
  public boolean endMarkerStored() {
    return db().getCollection("mqtt_msg").countDocuments(Filters.eq("topic", "demo/end")) == 1;
  }

  @Override
  public void printStored() {
    for (String c :
        new String[] {"mqtt_client", "mqtt_sub", "mqtt_msg", "mqtt_retain", "mqtt_acked"}) {
      Demo.say(c + ":");
      for (Document d : db().getCollection(c).find()) {
        System.out.println("  " + d.toJson());
      }
    }
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}
