package io.mqttpersistence.connect.common.testing;

import io.mqttpersistence.connect.common.event.DerivedMessageIds;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a store must hold after a stream, computed from EMQX's semantics and the order-safety rules
 * the README promises, without the connector's code: the final state depends only on which events
 * arrived, not on the order partitions delivered them in.
 *
 * <p>Clients: the latest connection known (from connects, and from the connected_at a disconnect
 * names) is online unless a disconnect of it (or, without connected_at, a disconnect at or after
 * it) arrived. Messages: QoS 1/2 publishes, once each. Retained: per topic, the newest set or clear
 * wins. Cursors: per (receiver, topic), the newest acked message. Streams that rely on this keep
 * each topic's publishes with one publisher, at distinct milliseconds, and never let one connection
 * of a client begin before the previous one ended.
 */
public final class ExpectedState {
  private ExpectedState() {}

  /**
   * @param bridge the stream travels as EMQX 4 bridge records: no message ids (they are derived)
   *     and no connected_at on disconnects
   */
  public static Snapshot of(
      List<StreamEvent> events, StoreRules rules, MessageIdFormat ids, boolean bridge) {
    Map<String, Snapshot.Client> clients = clients(events, bridge);
    Map<String, Snapshot.Message> messages = new LinkedHashMap<>();
    Map<String, List<StreamEvent>> retainedByTopic = new LinkedHashMap<>();
    for (StreamEvent e : events) {
      if (e.kind() != StreamEvent.Kind.PUBLISH) {
        continue;
      }
      boolean empty = e.payload() == null || e.payload().isEmpty();
      boolean stored = e.qos() > 0 || (rules.keepsQos0Retained() && e.retain() && !empty);
      if (stored && !(e.retain() && empty)) {
        messages.putIfAbsent(
            stored(e, ids, bridge),
            new Snapshot.Message(
                e.clientid(), e.topic(), e.qos(), e.retain(), e.payload(), e.at()));
      }
      if (e.retain()) {
        retainedByTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Snapshot.Message> storedByPublish = new HashMap<>(messages);
    Map<String, Snapshot.Retained> retained = new LinkedHashMap<>();
    retainedByTopic.forEach(
        (topic, list) -> {
          list.sort(Comparator.comparingLong(StreamEvent::at));
          StreamEvent current = null;
          for (StreamEvent e : list) {
            if (e.payload() == null || e.payload().isEmpty()) {
              if (current != null && rules.retainDeleteDropsMessage()) {
                messages.remove(stored(current, ids, bridge));
              }
              current = null;
            } else {
              current = e;
            }
          }
          if (current != null) {
            retained.put(
                topic,
                new Snapshot.Retained(
                    stored(current, ids, bridge),
                    current.clientid(),
                    current.qos(),
                    current.payload(),
                    current.at()));
          }
        });
    Map<String, String> cursors = new LinkedHashMap<>();
    Map<String, Long> cursorMicros = new HashMap<>();
    for (StreamEvent e : events) {
      if (e.kind() != StreamEvent.Kind.ACKED) {
        continue;
      }
      String msgid = stored(e, ids, bridge);
      if (rules.cursorNeedsStoredMessage() && !storedByPublish.containsKey(msgid)) {
        continue;
      }
      String key = Snapshot.cursorKey(e.clientid(), e.topic());
      OptionalLong micros = MessageIdFormat.microsOf(msgid);
      long m = micros.isPresent() ? micros.getAsLong() : e.at() * 1000;
      if (m > cursorMicros.getOrDefault(key, Long.MIN_VALUE)) {
        cursorMicros.put(key, m);
        cursors.put(key, msgid);
      }
    }
    return new Snapshot(clients, messages, retained, cursors);
  }

  /** The msgid the store keeps for a publish or the message an ack acknowledges. */
  public static String stored(StreamEvent e, MessageIdFormat ids, boolean bridge) {
    String hex =
        bridge
            ? DerivedMessageIds.derive(
                e.from(), e.topic(), e.payload().getBytes(StandardCharsets.UTF_8), e.at())
            : e.id();
    return ids.encode(hex);
  }

  private static Map<String, Snapshot.Client> clients(List<StreamEvent> events, boolean bridge) {
    Map<String, List<StreamEvent>> byClient = new LinkedHashMap<>();
    for (StreamEvent e : events) {
      if (e.kind() == StreamEvent.Kind.CONNECTED || e.kind() == StreamEvent.Kind.DISCONNECTED) {
        byClient.computeIfAbsent(e.clientid(), c -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Snapshot.Client> out = new LinkedHashMap<>();
    byClient.forEach(
        (clientid, list) -> {
          Long latest = null;
          for (StreamEvent e : list) {
            Long start =
                e.kind() == StreamEvent.Kind.CONNECTED ? (Long) e.at() : sessionOf(e, bridge);
            if (start != null && (latest == null || start > latest)) {
              latest = start;
            }
          }
          Long closedAt = null;
          for (StreamEvent e : list) {
            if (e.kind() != StreamEvent.Kind.DISCONNECTED) {
              continue;
            }
            Long session = sessionOf(e, bridge);
            long ended = session != null ? session : e.at();
            if ((latest == null || ended >= latest) && (closedAt == null || e.at() > closedAt)) {
              closedAt = e.at();
            }
          }
          out.put(
              clientid,
              closedAt != null
                  ? new Snapshot.Client(0, latest, closedAt)
                  : new Snapshot.Client(1, latest, null));
        });
    return out;
  }

  private static Long sessionOf(StreamEvent disconnect, boolean bridge) {
    return bridge ? null : disconnect.connectedAt();
  }
}
