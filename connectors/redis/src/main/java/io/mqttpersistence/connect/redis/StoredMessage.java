package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A message as EMQX's Redis backend keeps it: the mqtt:msg:{msgid} hash and its field names. */
final class StoredMessage {
  private StoredMessage() {}

  /** The hash fields EMQX 4 wrote, in its order; also what {@code ${message}} expands to. */
  static List<String> fields(BrokerEvent e, String msgid) {
    List<String> f = new ArrayList<>(14);
    f.add("id");
    f.add(msgid);
    f.add("from");
    f.add(e.fromClientid() == null ? "" : e.fromClientid());
    f.add("qos");
    f.add(Integer.toString(e.qosOrZero()));
    f.add("topic");
    f.add(e.topic());
    f.add("payload");
    f.add(e.payloadText() == null ? "" : e.payloadText());
    f.add("ts");
    f.add(Long.toString(e.timestampMs()));
    f.add("retain");
    f.add(Boolean.toString(e.retain()));
    return f;
  }

  /**
   * The zset score that orders a topic's messages: the broker's microsecond clock inside the id (EMQX 4
   * scored every member 1, so members came back in id-string order, not publish order).
   */
  static double score(BrokerEvent e, String msgid) {
    OptionalLong micros = MessageIdFormat.microsOf(msgid);
    return micros.isPresent() ? micros.getAsLong() : e.timestampMs() * 1000.0;
  }

  /** Whether a fetched hash is a message (not gone, not a tombstone left by an ack in queue mode). */
  static boolean isDeliverable(Map<String, String> hash) {
    return hash.containsKey("topic") && !hash.containsKey("acked");
  }

  /** A reply item, in the same shape the SQL connectors use. */
  static Map<String, Object> replyItem(Map<String, String> hash, boolean retained) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msgid", hash.get("id"));
    m.put("topic", hash.get("topic"));
    m.put("sender", hash.get("from"));
    m.put("qos", parseInt(hash.get("qos")));
    m.put("retain", retained || "true".equals(hash.get("retain")));
    m.put("payload", hash.get("payload"));
    m.put("arrived", parseLong(hash.get("ts")));
    return m;
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Math.max(0, Math.min(2, Integer.parseInt(s)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
