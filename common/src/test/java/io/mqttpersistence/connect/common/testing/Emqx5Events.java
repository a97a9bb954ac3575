package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds EMQX 5 rule-engine event JSON, as EMQX's Kafka producer action writes it ({@code ${.}}).
 */
public final class Emqx5Events {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "emqx@127.0.0.1";

  private Emqx5Events() {}

  public static String connected(String clientid, long at) {
    Map<String, Object> e = base("client.connected", clientid, at);
    e.put("connected_at", at);
    e.put("proto_name", "MQTT");
    e.put("proto_ver", 5);
    e.put("clean_start", false);
    return json(e);
  }

  public static String disconnected(String clientid, long at, long connectedAt) {
    Map<String, Object> e = base("client.disconnected", clientid, at);
    e.put("reason", "normal");
    e.put("disconnected_at", at);
    e.put("connected_at", connectedAt);
    return json(e);
  }

  public static String subscribed(String clientid, String topic, int qos, long at) {
    Map<String, Object> e = base("session.subscribed", clientid, at);
    e.put("topic", topic);
    e.put("qos", qos);
    return json(e);
  }

  public static String unsubscribed(String clientid, String topic, long at) {
    Map<String, Object> e = base("session.unsubscribed", clientid, at);
    e.put("topic", topic);
    e.put("qos", 0);
    return json(e);
  }

  public static String publish(
      String clientid, String id, String topic, int qos, boolean retain, String payload, long at) {
    Map<String, Object> e = base("message.publish", clientid, at);
    e.put("id", id);
    e.put("topic", topic);
    e.put("qos", qos);
    e.put("payload", payload);
    e.put("flags", Map.of("retain", retain, "dup", false));
    e.put("publish_received_at", at);
    return json(e);
  }

  public static String acked(
      String receiver, String sender, String id, String topic, int qos, long at) {
    Map<String, Object> e = base("message.acked", receiver, at);
    e.put("id", id);
    e.put("from_clientid", sender);
    e.put("from_username", "undefined");
    e.put("topic", topic);
    e.put("qos", qos);
    e.put("payload", "");
    e.put("flags", Map.of("retain", false, "dup", false));
    e.put("publish_received_at", at - 5);
    return json(e);
  }

  /**
   * A GUID as EMQX mints them: a microsecond timestamp ({@code epochMs} plus {@code seq}
   * microseconds, so ids of one millisecond still ascend), a node part, and the sequence number.
   */
  public static String guid(long epochMs, long seq) {
    return String.format("%016X%08X%08X", epochMs * 1000 + seq % 1000, 0xF4450000L, seq);
  }

  /** A 32-digit upper-case hex GUID whose sequence part is {@code n}. */
  public static String id(long n) {
    return String.format("0006054DC3E940F8F4450000%08X", n);
  }

  private static Map<String, Object> base(String event, String clientid, long at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", event);
    e.put("clientid", clientid);
    e.put("username", "undefined");
    e.put("peerhost", "127.0.0.1");
    e.put("timestamp", at);
    e.put("node", NODE);
    e.put("metadata", Map.of("rule_id", "persist"));
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
