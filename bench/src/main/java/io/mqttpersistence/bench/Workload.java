package io.mqttpersistence.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * EMQX 5 rule-engine events, deterministic for a seed and a base time, keyed by clientid.
 *
 * <p>{@link Kind#PUBLISH} is message.publish only (QoS 1). {@link Kind#MIX} is 70% message.publish,
 * 10% message.acked (of an earlier message), 10% session.subscribed/unsubscribed, 10%
 * client.connected/disconnected. Payloads are 100 bytes, over 10,000 topics ({@code queue/N} for even N,
 * {@code pubsub/N} for odd, so Redis's default hooks have work too) and 10,000 clients.
 */
final class Workload {
  enum Kind { PUBLISH, MIX }

  /** One event: its Kafka key and JSON value, and its stored row when it is a publish. */
  record Event(String key, String json, Row row) {}

  /** What a publish becomes in mqtt_msg, for the baselines that write the same rows. */
  record Row(String msgidHex, String sender, String topic, int qos, String payload, long arrivedMs) {}

  static final int CLIENTS = 10_000;
  static final int TOPICS = 10_000;
  static final int PAYLOAD_BYTES = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "emqx@10.0.0.1";

  private final Kind kind;
  private final long seed;
  private final long baseMs;

  Workload(Kind kind, long seed, long baseMs) {
    this.kind = kind;
    this.seed = seed;
    this.baseMs = baseMs;
  }

  Kind kind() {
    return kind;
  }

  /** The first {@code n} events. */
  List<Event> events(int n) {
    List<Event> out = new ArrayList<>(n);
    forEach(n, out::add);
    return out;
  }

  /** The first {@code n} events, one at a time, without keeping them. */
  void forEach(int n, Consumer<Event> sink) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] online = new boolean[CLIENTS];
    List<Row> published = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long at = baseMs + i / 10; // ten events per millisecond
      int pick = kind == Kind.PUBLISH ? 0 : random.nextInt(100);
      String client = "client-" + random.nextInt(CLIENTS);
      if (pick < 70 || published.isEmpty()) {
        Row row = new Row(guid(at, i), client, topic(random.nextInt(TOPICS)), 1, payload(random), at);
        if (kind == Kind.MIX) { // what later acks refer to
          published.add(row);
        }
        sink.accept(new Event(client, publish(row), row));
      } else if (pick < 80) {
        Row m = published.get(random.nextInt(published.size()));
        sink.accept(new Event(client, acked(client, m, at), null));
      } else if (pick < 90) {
        String topic = topic(random.nextInt(TOPICS));
        sink.accept(new Event(client, random.nextBoolean() ? subscribed(client, topic, at) : unsubscribed(client, topic, at), null));
      } else {
        int c = Integer.parseInt(client.substring(7));
        online[c] = !online[c];
        sink.accept(new Event(client, online[c] ? connected(client, at) : disconnected(client, at), null));
      }
    }
  }

  static String topic(int n) {
    return (n % 2 == 0 ? "queue/" : "pubsub/") + n;
  }

  /** EMQX's GUID layout: the microsecond clock first, then node bits and a sequence. */
  static String guid(long atMs, long seq) {
    return String.format("%016X%08X%08X", atMs * 1000 + seq % 1000, 0x0A000001L, seq);
  }

  private static String payload(SplittableRandom random) {
    char[] c = new char[PAYLOAD_BYTES];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  private static String publish(Row r) {
    Map<String, Object> e = base("message.publish", r.sender(), r.arrivedMs());
    e.put("id", r.msgidHex());
    e.put("topic", r.topic());
    e.put("qos", r.qos());
    e.put("payload", r.payload());
    e.put("flags", Map.of("retain", false, "dup", false));
    e.put("publish_received_at", r.arrivedMs());
    return json(e);
  }

  private static String acked(String client, Row m, long at) {
    Map<String, Object> e = base("message.acked", client, at);
    e.put("id", m.msgidHex());
    e.put("from_clientid", m.sender());
    e.put("topic", m.topic());
    e.put("qos", 1);
    e.put("payload", m.payload());
    e.put("flags", Map.of("retain", false, "dup", false));
    e.put("publish_received_at", m.arrivedMs());
    return json(e);
  }

  private static String subscribed(String client, String topic, long at) {
    Map<String, Object> e = base("session.subscribed", client, at);
    e.put("topic", topic);
    e.put("qos", 1);
    return json(e);
  }

  private static String unsubscribed(String client, String topic, long at) {
    Map<String, Object> e = base("session.unsubscribed", client, at);
    e.put("topic", topic);
    e.put("qos", 0);
    return json(e);
  }

  private static String connected(String client, long at) {
    Map<String, Object> e = base("client.connected", client, at);
    e.put("connected_at", at);
    e.put("proto_ver", 5);
    return json(e);
  }

  private static String disconnected(String client, long at) {
    Map<String, Object> e = base("client.disconnected", client, at);
    e.put("disconnected_at", at);
    e.put("reason", "normal");
    return json(e);
  }

  private static Map<String, Object> base(String event, String client, long at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", event);
    e.put("clientid", client);
    e.put("username", "bench");
    e.put("node", NODE);
    e.put("timestamp", at);
    return e;
  }

  private static String json(Map<String, Object> e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
