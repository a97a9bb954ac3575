package io.mqttpersistence.connect.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * EMQX's Mongo lookups, answered on the reply topic: subscriptions and retained messages of a run
 * of lookups with one query each, offline messages per subscription (its cursor decides what it
 * gets).
 */
final class MongoLookups {
  private final MongoDatabase db;
  private final MongoValues values;

  MongoLookups(MongoDatabase db, ReadPreference reads, MongoValues values) {
    this.db = db.withReadPreference(reads);
    this.values = values;
  }

  /** The replies of a group of lookups of one kind, by the place of the lookup in the batch. */
  void run(List<MongoOp.Lookup> group, Map<Integer, LookupReply> out) throws StoreException {
    try {
      switch (group.get(0).kind()) {
        case SUBSCRIPTIONS -> subscriptions(group, out);
        case RETAINED -> retained(group, out);
        case FETCH -> {
          for (MongoOp.Lookup l : group) {
            fetch(l, out);
          }
        }
        default -> throw new IllegalStateException(group.get(0).kind().toString());
      }
    } catch (MongoException e) {
      throw MongoErrors.classify("lookup failed", e);
    }
  }

  /**
   * on_subscribe_lookup: each client's mqtt_sub documents, QoS clamped to 0..2 as EMQX 4.4 does.
   */
  private void subscriptions(List<MongoOp.Lookup> group, Map<Integer, LookupReply> out) {
    Set<String> clients = new LinkedHashSet<>();
    group.forEach(l -> clients.add(l.source().clientid()));
    Map<String, List<Map<String, Object>>> byClient = new LinkedHashMap<>();
    for (Document d :
        db.getCollection("mqtt_sub").find(in("clientid", clients)).sort(Sorts.ascending("_id"))) {
      Map<String, Object> sub = new LinkedHashMap<>();
      sub.put("topic", d.getString("topic"));
      sub.put("qos", Math.max(0, Math.min(2, number(d.get("qos")))));
      byClient.computeIfAbsent(d.getString("clientid"), c -> new ArrayList<>()).add(sub);
    }
    for (MongoOp.Lookup l : group) {
      String c = l.source().clientid();
      new LookupReply(
              LookupReply.SUBSCRIBE,
              c,
              "on_subscribe_lookup",
              null,
              byClient.getOrDefault(c, List.of()))
          .ifFound()
          .ifPresent(r -> out.put(l.seq(), r));
    }
  }

  /** on_retain_lookup: the retained message of exactly each subscribed topic. */
  private void retained(List<MongoOp.Lookup> group, Map<Integer, LookupReply> out) {
    Set<String> topics = new LinkedHashSet<>();
    group.forEach(l -> topics.add(l.source().topic()));
    Map<String, Document> byTopic = new LinkedHashMap<>();
    for (Document d :
        db.getCollection(MongoFunctions.RETAIN).find(and(in("topic", topics), exists("msgid")))) {
      byTopic.put(d.getString("topic"), d);
    }
    for (MongoOp.Lookup l : group) {
      Document d = byTopic.get(l.source().topic());
      if (d != null) {
        out.put(
            l.seq(),
            new LookupReply(
                LookupReply.DELIVER,
                l.source().clientid(),
                "on_retain_lookup",
                l.source().topic(),
                List.of(message(d, true))));
      }
    }
  }

  /**
   * on_message_fetch as EMQX ran it: a client's first subscription to a topic starts its cursor at
   * the newest stored message and delivers nothing; later ones deliver the newest {@code
   * max_returned_count} messages after the cursor within {@code time_range}, oldest first.
   */
  private void fetch(MongoOp.Lookup l, Map<Integer, LookupReply> out) {
    BrokerEvent e = l.source();
    Bson key = and(eq("clientid", e.clientid()), eq("topic", e.topic()));
    MongoCollection<Document> acked =
        db.getCollection(MongoOp.ACKED).withReadPreference(ReadPreference.primary());
    Document cursor = acked.find(key).first();
    MongoCollection<Document> msgs = db.getCollection(MongoOp.MSG);
    if (cursor == null || cursor.get("mongo_id") == null) {
      Document newest =
          msgs.find(eq("topic", e.topic())).sort(Sorts.descending("_id")).limit(1).first();
      long start = newest == null ? 0 : ((Number) newest.get("_id")).longValue();
      acked.updateOne(
          key, Updates.setOnInsert("mongo_id", start), new UpdateOptions().upsert(true));
      return;
    }
    List<Bson> conditions =
        new ArrayList<>(List.of(eq("topic", e.topic()), gt("_id", cursor.get("mongo_id"))));
    l.offline()
        .timeRange()
        .ifPresent(
            r -> conditions.add(gte("arrived", values.time(e.timestampMs() - r.toMillis()))));
    FindIterable<Document> found = msgs.find(and(conditions)).sort(Sorts.descending("_id"));
    if (l.offline().maxReturnedCount().isPresent()) {
      found = found.limit(l.offline().maxReturnedCount().getAsInt());
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    for (Document d : found) {
      messages.add(message(d, false));
    }
    Collections.reverse(messages); // the newest N were read; deliver them oldest first
    new LookupReply(LookupReply.DELIVER, e.clientid(), "on_message_fetch", e.topic(), messages)
        .ifFound()
        .ifPresent(r -> out.put(l.seq(), r));
  }

  private static Map<String, Object> message(Document d, boolean retained) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!retained) {
      m.put("id", ((Number) d.get("_id")).longValue());
    }
    m.put("msgid", d.getString("msgid"));
    m.put("topic", d.getString("topic"));
    m.put("sender", d.getString("sender"));
    m.put("qos", number(d.get("qos")));
    m.put("retain", retained || Boolean.TRUE.equals(d.get("retain")));
    m.putAll(MongoValues.replyPayload(d.get("payload")));
    m.put("arrived", MongoValues.epochMs(d.get("arrived")));
    return m;
  }

  private static int number(Object v) {
    return v instanceof Number n ? n.intValue() : 0;
  }
}
