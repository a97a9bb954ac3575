package io.mqttpersistence.connect.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EMQX's collections and indexes (reference 6.2), plus what the connector's writes rely on: unique
 * keys that make upserts and inserts idempotent, the fetch index, the waiting-ack collection and
 * the message sequence. Collections EMQX created keep their documents; a non-unique index of EMQX's
 * on a key that must be unique is replaced by a unique one.
 */
final class MongoSchema {
  private static final Logger log = LoggerFactory.getLogger(MongoSchema.class);

  private record Index(String collection, Document keys, boolean unique, String name) {}

  private static final List<String> COLLECTIONS =
      List.of(
          "mqtt_client",
          "mqtt_sub",
          MongoOp.MSG,
          MongoFunctions.RETAIN,
          MongoOp.ACKED,
          MongoOp.PENDING,
          MongoWrites.SEQUENCES);

  private static final List<Index> INDEXES =
      List.of(
          // EMQX's own.
          new Index("mqtt_client", new Document("clientid", 1).append("node", 1), false, null),
          new Index("mqtt_msg", new Document("sender", 1).append("topic", 1), false, null),
          // What the connector's writes rely on.
          new Index("mqtt_client", new Document("clientid", 1), true, "mqtt_client_clientid_key"),
          new Index(
              "mqtt_sub",
              new Document("clientid", 1).append("topic", 1),
              true,
              "mqtt_sub_clientid_topic_key"),
          new Index(MongoOp.MSG, new Document("msgid", 1), true, "mqtt_msg_msgid_key"),
          new Index(
              MongoOp.MSG, new Document("topic", 1).append("_id", 1), false, "mqtt_msg_topic_id"),
          new Index(MongoFunctions.RETAIN, new Document("topic", 1), true, "mqtt_retain_topic_key"),
          new Index(
              MongoOp.ACKED,
              new Document("clientid", 1).append("topic", 1),
              true,
              "mqtt_acked_clientid_topic_key"),
          new Index(
              MongoOp.PENDING,
              new Document("clientid", 1).append("topic", 1).append("msgid", 1),
              true,
              "mqtt_ack_pending_key"),
          new Index(MongoOp.PENDING, new Document("msgid", 1), false, "mqtt_ack_pending_msgid"));

  private MongoSchema() {}

  static void create(MongoDatabase db) {
    Set<String> existing = new HashSet<>();
    db.listCollectionNames().forEach(existing::add);
    for (String c : COLLECTIONS) {
      if (!existing.contains(c)) {
        try {
          db.createCollection(c);
        } catch (MongoCommandException e) {
          // Another task was first (NamespaceExists, or whatever a server says in that race).
          if (!exists(db, c)) {
            throw e;
          }
        }
      }
    }
    for (Index ix : INDEXES) {
      ensure(db.getCollection(ix.collection()), ix);
    }
  }

  private static boolean exists(MongoDatabase db, String collection) {
    Set<String> names = new HashSet<>();
    db.listCollectionNames().forEach(names::add);
    return names.contains(collection);
  }

  private static void ensure(MongoCollection<Document> c, Index ix) {
    for (Document existing : c.listIndexes()) {
      Document keys = existing.get("key", Document.class);
      if (!sameKeys(keys, ix.keys())) {
        continue;
      }
      if (!ix.unique() || Boolean.TRUE.equals(existing.getBoolean("unique"))) {
        return;
      }
      log.warn(
          "Replacing the non-unique index {} of {} with a unique one: the connector's upserts need it",
          existing.getString("name"),
          c.getNamespace().getCollectionName());
      c.dropIndex(existing.getString("name"));
    }
    IndexOptions options = new IndexOptions().unique(ix.unique());
    if (ix.name() != null) {
      options.name(ix.name());
    }
    c.createIndex(ix.keys(), options);
  }

  /** Same fields in the same order and directions; EMQX wrote 2 for some ascending keys. */
  private static boolean sameKeys(Document a, Document b) {
    if (a == null || a.size() != b.size()) {
      return false;
    }
    var ia = a.entrySet().iterator();
    var ib = b.entrySet().iterator();
    while (ia.hasNext()) {
      var ea = ia.next();
      var eb = ib.next();
      if (!ea.getKey().equals(eb.getKey())
          || !(ea.getValue() instanceof Number na)
          || Math.signum(na.doubleValue()) != Math.signum(((Number) eb.getValue()).doubleValue())) {
        return false;
      }
    }
    return true;
  }
}
