package io.mqttpersistence.connect.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic stream of broker events (by seed) for suites that compare a store with {@link
 * ExpectedState}: clients with several sessions each, QoS 0/1/2 publishes on topics of their own
 * (one publisher per topic, as sensors have), retained messages set, replaced and cleared, acks by
 * other clients, redelivered duplicates and events no hook handles.
 *
 * <p>Records are keyed as EMQX's Kafka action keys them, by clientid, so a client's publishes stay
 * in order while acks (keyed by the receiver) and, with {@code scatter}, connects and disconnects
 * land on other partitions and overtake what they follow. Every event has its own millisecond, and
 * a client's next session begins after the previous one ended (the model's assumptions).
 */
public final class StreamGenerator {
  /** One record to produce: its key and the event. */
  public record Keyed(String key, StreamEvent event) {}

  private final SplittableRandom random;
  private final int clients;
  private final boolean scatter;
  private final long start;

  /**
   * @param clients how many clients publish, connect and ack
   * @param scatter key connects and disconnects apart from the client's other events
   */
  public StreamGenerator(long seed, int clients, boolean scatter, long startMs) {
    this.random = new SplittableRandom(seed);
    this.clients = clients;
    this.scatter = scatter;
    this.start = startMs;
  }

  /** At least {@code events} records (a few more, so the last sessions end). */
  public List<Keyed> generate(int events) {
    List<Keyed> out = new ArrayList<>(events + clients * 2);
    long[] clock = {start};
    boolean[] online = new boolean[clients];
    long[] connectedAt = new long[clients];
    long[] seq = new long[clients];
    List<List<StreamEvent>> recent = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      recent.add(new ArrayList<>());
    }
    while (out.size() < events) {
      int c = random.nextInt(clients);
      String id = client(c);
      long at = ++clock[0];
      int roll = random.nextInt(100);
      if (!online[c] || roll < 4) {
        if (online[c]) {
          add(out, sessionKey(id), StreamEvent.disconnected(id, at, connectedAt[c]));
          at = ++clock[0];
        }
        online[c] = true;
        connectedAt[c] = at;
        add(out, sessionKey(id), StreamEvent.connected(id, at));
      } else if (roll < 60) {
        int qos = random.nextInt(3);
        String topic = "sensor/" + id + "/" + random.nextInt(3);
        StreamEvent p =
            StreamEvent.publish(
                id,
                Emqx5Events.guid(at, ++seq[c] + c * 1_000_000L),
                topic,
                qos,
                false,
                payload(),
                at);
        add(out, id, p);
        if (qos > 0) {
          recent.get(c).add(p);
          if (recent.get(c).size() > 20) {
            recent.get(c).remove(0);
          }
        }
      } else if (roll < 68) {
        boolean clear = random.nextInt(4) == 0;
        String topic = "retained/" + id;
        StreamEvent r =
            StreamEvent.publish(
                id,
                Emqx5Events.guid(at, ++seq[c] + c * 1_000_000L),
                topic,
                random.nextInt(2),
                true,
                clear ? "" : "state-" + random.nextInt(1000),
                at);
        add(out, id, r);
        if (random.nextInt(10) == 0) {
          add(out, id, r); // redelivered at once: a retained change must not be replayed late
        }
      } else if (roll < 88) {
        int publisher = random.nextInt(clients);
        List<StreamEvent> candidates = recent.get(publisher);
        if (publisher != c && !candidates.isEmpty()) {
          add(out, id, StreamEvent.acked(id, candidates.get(random.nextInt(candidates.size()))));
        }
      } else if (roll < 94 && !out.isEmpty()) {
        Keyed again = out.get(random.nextInt(out.size()));
        if (!again.event().retain()) {
          out.add(again); // a late redelivery
        }
      } else if (!recent.get(c).isEmpty()) {
        add(out, id, StreamEvent.dropped(recent.get(c).get(0)));
      }
    }
    for (int c = 0; c < clients; c++) {
      if (online[c] && random.nextBoolean()) {
        add(
            out,
            sessionKey(client(c)),
            StreamEvent.disconnected(client(c), ++clock[0], connectedAt[c]));
      }
    }
    return out;
  }

  /** The events alone, as the model reads them. */
  public static List<StreamEvent> events(List<Keyed> records) {
    return records.stream().map(Keyed::event).toList();
  }

  private String payload() {
    return switch (random.nextInt(4)) {
      case 0 -> "{\"temp\": " + random.nextInt(40) + "." + random.nextInt(10) + "}";
      case 1 -> "on";
      case 2 -> "plain text with 'quotes', \"double\" and; semicolons";
      default -> "{\"n\": " + random.nextInt(1000) + ", \"tags\": [\"a\", \"b\"]}";
    };
  }

  private String sessionKey(String clientid) {
    return scatter ? clientid + "#" + random.nextInt(1000) : clientid;
  }

  private static String client(int c) {
    return "client-" + c;
  }

  private static void add(List<Keyed> out, String key, StreamEvent e) {
    out.add(new Keyed(key, e));
  }
}
