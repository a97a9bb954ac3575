package io.mqttpersistence.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.mongo.MongoBenchAccess;
import io.mqttpersistence.connect.mongo.MongoSinkTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkTask;
import org.bson.Document;

/**
 * MongoDB at {@code -Dbench.mongo.uri}, or by default mongo-java-server in this JVM: an in-memory
 * Java imitation of the wire protocol, not mongod, so only the ratios between the rows mean
 * something. The baselines insert the documents on_message_publish inserts, under the same unique
 * msgid index.
 */
final class MongoTarget implements Target {
  private static final String DATABASE = "mqtt_bench";
  private final MongoServer server;
  private final String uri;
  private final MongoClient client;

  MongoTarget() {
    String given = System.getProperty("bench.mongo.uri", "").trim();
    if (given.isEmpty()) {
      server = new MongoServer(new MemoryBackend());
      uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    } else {
      server = null;
      uri = given;
    }
    client = MongoClients.create(uri);
  }

  private MongoDatabase db() {
    return client.getDatabase(DATABASE);
  }

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public String versions() {
    Document info = db().runCommand(new Document("buildInfo", 1));
    return (server == null ? "MongoDB " : "mongo-java-server (in-JVM imitation) reporting ")
        + info.getString("version")
        + ", Java driver "
        + com.mongodb.internal.build.MongoDriverVersion.VERSION;
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("mongo.uri", uri, "mongo.database", DATABASE);
  }

  @Override
  public String connectorClass() {
    return "io.mqttpersistence.connect.mongo.MongoSinkConnector";
  }

  @Override
  public SinkTask newTask() {
    return new MongoSinkTask();
  }

  @Override
  public SinkDefinition<?, ? extends EventSinkConfig> definition() {
    return MongoBenchAccess.definition();
  }

  @Override
  public EventStore<?> storeWithoutIo() {
    return MongoBenchAccess.storeWithoutServer();
  }

  @Override
  public void reset() {
    db().drop();
    MongoBenchAccess.createSchema(db());
  }

  @Override
  public long storedMessages() {
    return db().getCollection("mqtt_msg").countDocuments();
  }

  private static Document doc(Workload.Row r, long id) {
    return new Document("_id", id)
        .append("topic", r.topic())
        .append("msgid", MessageIdFormat.BASE62.encode(r.msgidHex()))
        .append("sender", r.sender())
        .append("qos", r.qos())
        .append("retain", false)
        .append("payload", r.payload())
        .append("arrived", Instant.ofEpochMilli(r.arrivedMs()));
  }

  private double batches(List<Workload.Row> rows, int size) {
    reset();
    MongoCollection<Document> c = db().getCollection("mqtt_msg");
    InsertManyOptions unordered = new InsertManyOptions().ordered(false);
    long start = System.nanoTime();
    long id = 0;
    for (int from = 0; from < rows.size(); from += size) {
      List<Document> docs = new ArrayList<>(size);
      for (Workload.Row r : rows.subList(from, Math.min(rows.size(), from + size))) {
        docs.add(doc(r, ++id));
      }
      c.insertMany(docs, unordered);
    }
    return SqlTarget.rate(rows.size(), start);
  }

  /** The driver's best: unordered insertMany of 1,000 documents. */
  @Override
  public double limit(List<Workload.Row> rows) {
    return batches(rows, 1_000);
  }

  /** EMQX 4's pattern: one insertOne per event. */
  @Override
  public double emqx4(List<Workload.Row> rows) {
    reset();
    MongoCollection<Document> c = db().getCollection("mqtt_msg");
    long start = System.nanoTime();
    long id = 0;
    for (Workload.Row r : rows) {
      c.insertOne(doc(r, ++id));
    }
    return SqlTarget.rate(rows.size(), start);
  }

  @Override
  public double emqx5(List<Workload.Row> rows) {
    return batches(rows, 100);
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}
