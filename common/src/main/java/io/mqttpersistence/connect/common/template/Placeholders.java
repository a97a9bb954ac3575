package io.mqttpersistence.connect.common.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The placeholder vocabulary of raw statements. Values follow EMQX's backends: {@code ${msgid}} in
 * the configured stored form, {@code ${retain}} as 1/0, {@code ${timestamp}} in seconds and {@code
 * ${timestamp_str}} as {@code YYYY-MM-DD HH:MM:SS} (UTC here; EMQX used the node's local time). Any
 * other field of the event is reachable by name, nested ones with dots ({@code ${flags.dup}},
 * {@code ${payload.temp}} when the payload is JSON). A field the event lacks binds NULL; a name no
 * event can carry is rejected when the connector starts.
 */
public final class Placeholders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP_STR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Plain fields that some EMQX event carries (reference section 7). */
  private static final Set<String> EVENT_FIELDS =
      Set.of(
          "clientid",
          "client_id",
          "username",
          "node",
          "peerhost",
          "peername",
          "sockname",
          "reason",
          "event",
          "from_clientid",
          "from_username",
          "from",
          "connected_at",
          "disconnected_at",
          "publish_received_at",
          "proto_name",
          "proto_ver",
          "keepalive",
          "clean_start",
          "expiry_interval",
          "mountpoint",
          "is_bridge",
          "receive_maximum",
          "ts",
          "id");

  /** Fields that hold maps, whose members templates may name with dots. */
  private static final Set<String> MAP_FIELDS =
      Set.of(
          "flags",
          "pub_props",
          "sub_props",
          "unsub_props",
          "conn_props",
          "disconn_props",
          "puback_props",
          "client_attrs",
          "metadata",
          "headers",
          "conninfo",
          "clientinfo");

  private final MessageIdFormat idFormat;
  private final boolean typed;

  public Placeholders(MessageIdFormat idFormat) {
    this(idFormat, false);
  }

  private Placeholders(MessageIdFormat idFormat, boolean typed) {
    this.idFormat = idFormat;
    this.typed = typed;
  }

  /**
   * The same vocabulary for stores whose values are typed documents: maps and lists resolve to
   * themselves rather than their JSON text, and {@code ${payload}} to the JSON object or array a
   * payload holds (other payloads to their text, or their bytes when they are not UTF-8).
   */
  public Placeholders typed() {
    return new Placeholders(idFormat, true);
  }

  /**
   * Resolves a placeholder name once, at config time, into a function of the event.
   *
   * @throws IllegalArgumentException naming the placeholder when no event can carry it
   */
  public Placeholder resolve(String name) {
    return new Placeholder(name, resolver(name));
  }

  private Function<BrokerEvent, Object> resolver(String name) {
    Function<BrokerEvent, Object> builtin =
        switch (name) {
          case "clientid" -> BrokerEvent::clientid;
          case "topic" -> BrokerEvent::topic;
          case "qos" -> BrokerEvent::qos;
          case "msgid" -> e -> idFormat.encode(e.messageIdHex());
          case "payload" -> typed ? Placeholders::typedPayload : BrokerEvent::payloadText;
          case "retain" -> e -> e.retain() ? 1 : 0;
          case "timestamp" -> e -> Math.round(e.timestampMs() / 1000.0);
          case "timestamp_str" -> e -> TIMESTAMP_STR.format(Instant.ofEpochMilli(e.timestampMs()));
          case "node" -> BrokerEvent::node;
          default -> null;
        };
    if (builtin != null) {
      return builtin;
    }
    if (EVENT_FIELDS.contains(name)) {
      return e -> scalar(e.fields().get(name));
    }
    int dot = name.indexOf('.');
    String root = dot < 0 ? name : name.substring(0, dot);
    if (dot > 0 && dot < name.length() - 1) {
      List<String> path = List.of(name.substring(dot + 1).split("\\."));
      if (root.equals("payload")) {
        return e -> scalar(navigate(payloadJson(e), path));
      }
      if (MAP_FIELDS.contains(root)) {
        return e -> scalar(navigate(e.fields().get(root), path));
      }
    } else if (MAP_FIELDS.contains(name)) {
      return e -> scalar(e.fields().get(name));
    }
    throw new IllegalArgumentException(
        "unknown placeholder ${" + name + "}: no broker event carries it");
  }

  private static Object typedPayload(BrokerEvent e) {
    Object json = payloadJson(e);
    if (json instanceof Map<?, ?> || json instanceof List<?>) {
      return json;
    }
    return e.payload() != null && !e.payloadIsText() ? e.payload() : e.payloadText();
  }

  private static Object payloadJson(BrokerEvent e) {
    if (e.hasEmptyPayload()) {
      return null;
    }
    try {
      return JSON.readValue(e.payload(), Object.class);
    } catch (java.io.IOException notJson) {
      return null; // ${payload.x} of a non-JSON payload is simply absent
    }
  }

  private static Object navigate(Object node, List<String> path) {
    Object current = node;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(step);
    }
    return current;
  }

  /** Maps and lists bind as their JSON text (typed: as they are); scalars bind as they are. */
  private Object scalar(Object v) {
    if (!typed && (v instanceof Map<?, ?> || v instanceof List<?>)) {
      try {
        return JSON.writeValueAsString(v);
      } catch (JsonProcessingException e) {
        return v.toString();
      }
    }
    return v;
  }
}
