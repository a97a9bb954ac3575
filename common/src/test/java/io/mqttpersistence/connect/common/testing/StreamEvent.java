package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One broker event of a test stream, independent of its wire format: it renders itself as EMQX 5
 * rule-engine JSON (the Kafka producer action's default value) or as the EMQX 4 Kafka bridge's JSON
 * (one topic per hook, {@code ts}, base64 payload, no message id), and the expected-state model
 * reads it directly.
 *
 * @param clientid the client the event is about (for acks: the receiver)
 * @param id the message's GUID (hex) in EMQX 5 form; bridge renderings leave it out
 * @param from for acks: the publisher
 * @param connectedAt for disconnects: when the ended connection began (EMQX 5 carries it)
 */
public record StreamEvent(
    Kind kind,
    String clientid,
    String topic,
    int qos,
    boolean retain,
    String payload,
    String id,
    String from,
    long at,
    Long connectedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "emqx@127.0.0.1";

  /** The hookpoints a stream exercises, and one event EMQX writes that no hook handles. */
  public enum Kind {
    CONNECTED("client.connected", "client_connected"),
    DISCONNECTED("client.disconnected", "client_disconnected"),
    SUBSCRIBED("session.subscribed", "session_subscribed"),
    UNSUBSCRIBED("session.unsubscribed", "session_unsubscribed"),
    PUBLISH("message.publish", "message_publish"),
    ACKED("message.acked", "message_acked"),
    DROPPED("message.dropped", "message_dropped");

    final String event;
    final String bridgeTopic;

    Kind(String event, String bridgeTopic) {
      this.event = event;
      this.bridgeTopic = bridgeTopic;
    }

    /** The EMQX 5 event name, which is also the hookpoint. */
    public String event() {
      return event;
    }
  }

  public static StreamEvent connected(String clientid, long at) {
    return new StreamEvent(Kind.CONNECTED, clientid, null, 0, false, null, null, null, at, null);
  }

  public static StreamEvent disconnected(String clientid, long at, Long connectedAt) {
    return new StreamEvent(
        Kind.DISCONNECTED, clientid, null, 0, false, null, null, null, at, connectedAt);
  }

  public static StreamEvent subscribed(String clientid, String topic, int qos, long at) {
    return new StreamEvent(
        Kind.SUBSCRIBED, clientid, topic, qos, false, null, null, null, at, null);
  }

  public static StreamEvent unsubscribed(String clientid, String topic, long at) {
    return new StreamEvent(
        Kind.UNSUBSCRIBED, clientid, topic, 0, false, null, null, null, at, null);
  }

  public static StreamEvent publish(
      String clientid, String id, String topic, int qos, boolean retain, String payload, long at) {
    return new StreamEvent(
        Kind.PUBLISH, clientid, topic, qos, retain, payload, id, clientid, at, null);
  }

  /** An ack of {@code message} by {@code receiver}; EMQX's ack carries the message's time. */
  public static StreamEvent acked(String receiver, StreamEvent message) {
    return new StreamEvent(
        Kind.ACKED,
        receiver,
        message.topic,
        message.qos,
        false,
        message.payload,
        message.id,
        message.clientid,
        message.at,
        null);
  }

  public static StreamEvent dropped(StreamEvent message) {
    return new StreamEvent(
        Kind.DROPPED,
        message.clientid,
        message.topic,
        message.qos,
        message.retain,
        message.payload,
        message.id,
        message.clientid,
        message.at,
        null);
  }

  /** The Kafka record key EMQX's default writes: the clientid. */
  public String key() {
    return clientid;
  }

  /** EMQX 5 rule-engine JSON, as its Kafka producer action writes ${.}. */
  public String emqx5Json() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", kind.event);
    e.put("clientid", clientid);
    e.put("username", "undefined");
    e.put("peerhost", "127.0.0.1");
    e.put("node", NODE);
    e.put("metadata", Map.of("rule_id", "persist"));
    switch (kind) {
      case CONNECTED -> {
        e.put("timestamp", at);
        e.put("connected_at", at);
        e.put("proto_name", "MQTT");
        e.put("proto_ver", 5);
      }
      case DISCONNECTED -> {
        e.put("timestamp", at);
        e.put("reason", "normal");
        e.put("disconnected_at", at);
        if (connectedAt != null) {
          e.put("connected_at", connectedAt);
        }
      }
      case SUBSCRIBED, UNSUBSCRIBED -> {
        e.put("timestamp", at);
        e.put("topic", topic);
        e.put("qos", qos);
      }
      case PUBLISH, DROPPED -> {
        e.put("timestamp", at);
        e.put("id", id);
        e.put("topic", topic);
        e.put("qos", qos);
        e.put("payload", payload);
        e.put("flags", Map.of("retain", retain, "dup", false));
        e.put("publish_received_at", at);
        if (kind == Kind.DROPPED) {
          e.put("reason", "no_subscribers");
        }
      }
      case ACKED -> {
        e.put("timestamp", at + 5);
        e.put("id", id);
        e.put("from_clientid", from);
        e.put("from_username", "undefined");
        e.put("topic", topic);
        e.put("qos", qos);
        e.put("payload", payload);
        e.put("flags", Map.of("retain", false, "dup", false));
        e.put("publish_received_at", at);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return json(e);
  }

  /** The Kafka topic the EMQX 4 bridge writes this event to, by its documented default names. */
  public String bridgeTopic() {
    return kind.bridgeTopic;
  }

  /**
   * The EMQX 4 Kafka bridge's JSON: {@code client_id} (or {@code clientid}, as its code writes),
   * {@code ts} (the message time for message events), base64 payload, no message id, no
   * connected_at on disconnects.
   */
  public String bridgeJson(boolean clientIdUnderscore) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put(clientIdUnderscore ? "client_id" : "clientid", clientid);
    e.put("username", "u");
    switch (kind) {
      case CONNECTED -> {}
      case DISCONNECTED -> e.put("reason", "normal");
      case SUBSCRIBED, UNSUBSCRIBED -> {
        e.put("topic", topic);
        e.put("qos", qos);
      }
      case PUBLISH, ACKED -> {
        if (kind == Kind.ACKED) {
          e.put("from", from);
        }
        e.put("topic", topic);
        e.put("payload", base64(payload));
        e.put("qos", qos);
        if (retain) {
          // The bridge's documented value has no retain flag; a deployment that needs
          // on_message_retain adds one, which the decoder reads.
          e.put("retain", true);
        }
      }
      default -> throw new IllegalStateException(kind + " has no bridge topic");
    }
    e.put("node", NODE);
    e.put("ts", at);
    return json(e);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String json(Map<String, Object> e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
