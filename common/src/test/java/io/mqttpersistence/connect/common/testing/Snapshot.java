package io.mqttpersistence.connect.common.testing;

import java.util.Map;
import java.util.TreeMap;

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

  public static String cursorKey(String clientid, String topic) {
    return clientid + " " + topic;
  }

  /** mqtt_client: state 1 online / 0 offline; online_at and offline_at may be null. */
  public record Client(int state, Long onlineAt, Long offlineAt) {}

  public record Message(
      String sender, String topic, int qos, boolean retain, String payload, long arrived) {}

  public record Retained(String msgid, String sender, int qos, String payload, long arrived) {}
}
