package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.testing.Emqx5Events;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * EMQX 5 rule-engine events (built as the tests build them), deterministic for a seed and a base
 * time, keyed by clientid.
 *
 * <p>{@link Kind#PUBLISH} is message.publish only (QoS 1). {@link Kind#MIX} is 70% message.publish,
 * 10% message.acked (of an earlier message), 10% session.subscribed/unsubscribed, 10%
 * client.connected/disconnected. Payloads are 100 bytes, over 10,000 topics ({@code queue/N} for
 * even N, {@code pubsub/N} for odd, so Redis's default hooks have work too) and 10,000 clients.
 */
final class Workload {
  enum Kind {
    PUBLISH,
    MIX
  }

  /** One event: its Kafka key and JSON value, and its stored row when it is a publish. */
  record Event(String key, String json, Row row) {}

  /** What a publish becomes in mqtt_msg, for the baselines that write the same rows. */
  record Row(
      String msgidHex, String sender, String topic, int qos, String payload, long arrivedMs) {}

  static final int CLIENTS = 10_000;
  static final int TOPICS = 10_000;
  static final int PAYLOAD_BYTES = 100;

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
        Row row =
            new Row(guid(at, i), client, topic(random.nextInt(TOPICS)), 1, payload(random), at);
        if (kind == Kind.MIX) { // what later acks refer to
          published.add(row);
        }
        sink.accept(new Event(client, publish(row), row));
      } else if (pick < 80) {
        Row m = published.get(random.nextInt(published.size()));
        sink.accept(
            new Event(
                client,
                Emqx5Events.acked(client, m.sender(), m.msgidHex(), m.topic(), 1, at),
                null));
      } else if (pick < 90) {
        String topic = topic(random.nextInt(TOPICS));
        sink.accept(
            new Event(
                client,
                random.nextBoolean()
                    ? Emqx5Events.subscribed(client, topic, 1, at)
                    : Emqx5Events.unsubscribed(client, topic, at),
                null));
      } else {
        int c = Integer.parseInt(client.substring(7));
        online[c] = !online[c];
        sink.accept(
            new Event(
                client,
                online[c]
                    ? Emqx5Events.connected(client, at)
                    : Emqx5Events.disconnected(client, at, at),
                null));
      }
    }
  }

  static String topic(int n) {
    return (n % 2 == 0 ? "queue/" : "pubsub/") + n;
  }

  static String guid(long atMs, long seq) {
    return Emqx5Events.guid(atMs, seq);
  }

  private static String payload(SplittableRandom random) {
    char[] c = new char[PAYLOAD_BYTES];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  private static String publish(Row r) {
    return Emqx5Events.publish(
        r.sender(), r.msgidHex(), r.topic(), r.qos(), false, r.payload(), r.arrivedMs());
  }
}
