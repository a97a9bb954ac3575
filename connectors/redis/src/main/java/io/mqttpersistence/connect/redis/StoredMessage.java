package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message as EMQX's Redis backend keeps it: the mqtt:msg:{msgid} hash and its field names. */
final class StoredMessage {
  private StoredMessage() {}

  /**
   * The hash fields EMQX 4 wrote, as field/value pairs in its order; also what {@code ${message}}
   * expands to.
   */
  static String[] fields(BrokerEvent e, String msgid) {
    return new String[] {
      "id", msgid,
      "from", e.fromClientid() == null ? "" : e.fromClientid(),
      "qos", Integer.toString(e.qosOrZero()),
      "topic", e.topic(),
      "payload", e.payloadText() == null ? "" : e.payloadText(),
      "ts", Long.toString(e.timestampMs()),
      "retain", Boolean.toString(e.retain())
    };
  }

  /**
   * The zset score that orders a topic's messages: the broker's microsecond clock inside the id
   * (EMQX 4 scored every member 1, so members came back in id-string order, not publish order).
   */
  static double score(BrokerEvent e) {
    String hex = e.messageIdHex();
    return hex != null && hex.length() == 32
        ? Long.parseUnsignedLong(hex, 0, 16, 16)
        : e.timestampMs() * 1000.0;
  }

  /**
   * Whether a fetched hash is a message (not gone, not a tombstone left by an ack in queue mode or
   * by clearing a retained message).
   */
  static boolean isDeliverable(Map<String, String> hash) {
    return hash.containsKey("topic") && !hash.containsKey("acked") && !hash.containsKey("deleted");
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
