package io.mqttpersistence.connect.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a store holds after a stream, normalised so one suite can compare every database with one
 * expected state: clients, stored messages (by stored msgid), retained messages (by topic) and read
 * cursors. Times are epoch milliseconds.
 *
 * @param cursors "clientid topic" to the stored msgid of the last message acked there
 */
public record Snapshot(
    Map<String, Client> clients,
    Map<String, Message> messages,
    Map<String, Retained> retained,
    Map<String, String> cursors) {

  public Snapshot {
    clients = new TreeMap<>(clients);
    messages = new TreeMap<>(messages);
    retained = new TreeMap<>(retained);
    cursors = new TreeMap<>(cursors);
  }

  /**
   * What differs from {@code expected}, entry by entry and at most {@code limit} lines: what a test
   * prints when a store never reaches the model, so the failure says which rows are wrong.
   */
  public List<String> differencesFrom(Snapshot expected, int limit) {
    List<String> out = new ArrayList<>();
    compare("client", clients, expected.clients, out);
    compare("message", messages, expected.messages, out);
    compare("retained", retained, expected.retained, out);
    compare("cursor", cursors, expected.cursors, out);
    if (out.size() > limit) {
      int more = out.size() - limit;
      out = new ArrayList<>(out.subList(0, limit));
      out.add("... and " + more + " more");
    }
    return out;
  }

  private static <V> void compare(
      String kind, Map<String, V> actual, Map<String, V> expected, List<String> out) {
    TreeSet<String> keys = new TreeSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    for (String key : keys) {
      V a = actual.get(key);
      V e = expected.get(key);
      if (!Objects.equals(a, e)) {
        out.add(kind + " " + key + ": expected " + e + ", stored " + a);
      }
    }
  }

  /** Only the entries whose keys {@code keys} has: the part of the store a model speaks for. */
  public Snapshot restrictedTo(Snapshot keys) {
    return new Snapshot(
        only(clients, keys.clients),
        only(messages, keys.messages),
        only(retained, keys.retained),
        only(cursors, keys.cursors));
  }

  private static <V> Map<String, V> only(Map<String, V> map, Map<String, ?> keys) {
    Map<String, V> out = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (keys.containsKey(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  public static String cursorKey(String clientid, String topic) {
    return clientid + " " + topic;
  }

  /** mqtt_client: state 1 online / 0 offline; online_at and offline_at may be null. */
  public record Client(int state, Long onlineAt, Long offlineAt) {}

  public record Message(
      String sender, String topic, int qos, boolean retain, String payload, long arrived) {}

  public record Retained(String msgid, String sender, int qos, String payload, long arrived) {}
}
