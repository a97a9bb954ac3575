package io.mqttpersistence.connect.common.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a record value (JSON text or bytes, Avro bytes, or an already converted map) into a {@link
 * BrokerEvent}, or says why a valid record is {@link Skipped}.
 *
 * <p>Knows the three shapes EMQX writes to Kafka: 5.x and 4.x rule-engine JSON (with an {@code
 * event} field) and the 4.x Kafka bridge JSON ({@code client_id}/{@code clientid}, {@code ts},
 * base64 payload, one Kafka topic per hook, mapped by {@code event.topic.map}), and the same fields
 * in Avro. Publishes and acks without a message id get one derived from their content ({@link
 * DerivedMessageIds}).
 */
public final class EventDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory JSON_FACTORY = JSON.getFactory();

  /** EMQX events (4.x and 5.x) that are not hookpoints of ours: valid records, never handled. */
  private static final Set<String> OTHER_EMQX_EVENTS =
      Set.of(
          "message.dropped",
          "delivery.dropped",
          "message.transformation_failed",
          "schema.validation_failed",
          "client.connack",
          "client.check_authz_complete",
          "client.check_authn_complete",
          "client.authenticate",
          "client.authorize",
          "session.created",
          "session.resumed",
          "session.discarded",
          "session.takenover",
          "session.terminated",
          "alarm.activated",
          "alarm.deactivated");

  private final EventFormat format;
  private final Map<String, Hookpoint> topicHookpoints;
  private final Set<Hookpoint> handled;
  private final AvroEventReader avro;

  /** A decoder for every hookpoint and no Avro, as tests and tools use it. */
  public EventDecoder(EventFormat format, Map<String, Hookpoint> topicHookpoints) {
    this(format, topicHookpoints, EnumSet.allOf(Hookpoint.class), null);
  }

  /**
   * @param handled the hookpoints some hook handles; events of others are skipped before their
   *     fields are checked, since no hook needs them
   * @param avro the reader of {@code event.format=avro}, else null
   */
  public EventDecoder(
      EventFormat format,
      Map<String, Hookpoint> topicHookpoints,
      Set<Hookpoint> handled,
      AvroEventReader avro) {
    if (format == EventFormat.AVRO && avro == null) {
      throw new IllegalArgumentException("event.format=avro needs a schema");
    }
    this.format = format;
    this.topicHookpoints = Map.copyOf(topicHookpoints);
    this.handled = handled.isEmpty() ? EnumSet.noneOf(Hookpoint.class) : EnumSet.copyOf(handled);
    this.avro = avro;
  }

  /**
   * Decodes one record value into the broker event it describes, or what it is when no hook handles
   * it.
   *
   * @param value the record value: {@code Map}, JSON {@code String}, JSON or Avro {@code byte[]} or
   *     {@code ByteBuffer}
   * @param kafkaTopic the topic the record came from, for {@code event.topic.map}
   * @param recordTimestampMs fallback event time when the value carries none (null if unknown)
   * @throws MalformedEventException when the record cannot be an event, naming why
   */
  public Decoded decode(Object value, String kafkaTopic, Long recordTimestampMs) {
    Map<String, Object> fields = toMap(value);
    Object event = fields.get("event");
    Hookpoint hookpoint;
    if (event != null && format != EventFormat.EMQX4_BRIDGE) {
      String name = string(event);
      Optional<Hookpoint> known = Hookpoint.parse(name);
      if (known.isEmpty()) {
        String normalised = name.trim().toLowerCase(Locale.ROOT).replace("$events/", "");
        return new Skipped(
            OTHER_EMQX_EVENTS.contains(normalised.replace('_', '.'))
                ? Skipped.Reason.UNHANDLED_EVENT
                : Skipped.Reason.UNKNOWN_EVENT,
            name);
      }
      hookpoint = known.get();
    } else {
      hookpoint = mappedHookpoint(kafkaTopic);
    }
    if (!handled.contains(hookpoint)) {
      return new Skipped(Skipped.Reason.UNHANDLED_EVENT, hookpoint.key());
    }
    return event(fields, hookpoint, recordTimestampMs);
  }

  private BrokerEvent event(
      Map<String, Object> fields, Hookpoint hookpoint, Long recordTimestampMs) {
    boolean bridge =
        format == EventFormat.EMQX4_BRIDGE
            || (format != EventFormat.EMQX5
                && format != EventFormat.EMQX4
                && !fields.containsKey("event")
                && fields.containsKey("ts"));
    String clientid = firstString(fields, "clientid", "client_id");
    if (clientid == null) {
      throw new MalformedEventException(hookpoint + " event has no clientid");
    }
    String topic = string(fields.get("topic"));
    if (hookpoint.hasTopic() && topic == null) {
      throw new MalformedEventException(hookpoint + " event has no topic");
    }
    if (hookpoint == Hookpoint.SESSION_SUBSCRIBED || hookpoint == Hookpoint.SESSION_UNSUBSCRIBED) {
      topic = TopicNames.stripSharePrefix(topic);
    }
    Integer qos = integer(fields.get("qos"), "qos");
    if (qos != null && (qos < 0 || qos > 2)) {
      throw new MalformedEventException("qos must be 0, 1 or 2, was " + qos);
    }
    byte[] payload = payload(fields.get("payload"), bridge);
    String id = firstString(fields, "id", "msgid");
    if (id != null) {
      id = normaliseHexId(id);
    }
    boolean retain = retainFlag(fields);
    String from =
        hookpoint == Hookpoint.MESSAGE_PUBLISH
            ? clientid
            : firstString(fields, "from_clientid", "from");
    long timestamp = eventTime(hookpoint, fields, recordTimestampMs);
    if (id == null) {
      id = derivedId(hookpoint, from, topic, payload, fields, timestamp);
    }
    Long connectedAt = longValue(fields.get("connected_at"), "connected_at");
    return new BrokerEvent(
        hookpoint,
        clientid,
        topic,
        qos,
        payload,
        id,
        retain,
        from,
        timestamp,
        connectedAt,
        string(fields.get("node")),
        fields);
  }

  private Hookpoint mappedHookpoint(String kafkaTopic) {
    Hookpoint mapped = kafkaTopic == null ? null : topicHookpoints.get(kafkaTopic);
    if (mapped == null) {
      throw new MalformedEventException(
          "record has no 'event' field and topic '"
              + kafkaTopic
              + "' is not in event.topic.map, so its hookpoint is unknown");
    }
    return mapped;
  }

  /**
   * A message event without an id (the EMQX 4 bridge writes none) gets the id its content derives:
   * the same for a publish and for its acks, as long as the record has the publisher and payload.
   */
  private static String derivedId(
      Hookpoint hookpoint,
      String sender,
      String topic,
      byte[] payload,
      Map<String, Object> fields,
      long timestamp) {
    boolean message =
        hookpoint == Hookpoint.MESSAGE_PUBLISH
            || hookpoint == Hookpoint.MESSAGE_ACKED
            || hookpoint == Hookpoint.MESSAGE_DELIVERED;
    if (!message || sender == null || topic == null || !fields.containsKey("payload")) {
      return null;
    }
    return DerivedMessageIds.derive(sender, topic, payload, timestamp);
  }

  private static long eventTime(
      Hookpoint hookpoint, Map<String, Object> fields, Long recordTimestamp) {
    String[] candidates =
        switch (hookpoint) {
          case CLIENT_CONNECTED -> new String[] {"connected_at", "timestamp", "ts"};
          case CLIENT_DISCONNECTED -> new String[] {"disconnected_at", "timestamp", "ts"};
          case MESSAGE_PUBLISH, MESSAGE_DELIVERED, MESSAGE_ACKED ->
              new String[] {"publish_received_at", "timestamp", "ts"};
          default -> new String[] {"timestamp", "ts"};
        };
    for (String name : candidates) {
      Long v = longValue(fields.get(name), name);
      if (v != null) {
        return v;
      }
    }
    if (recordTimestamp != null && recordTimestamp >= 0) {
      return recordTimestamp;
    }
    throw new MalformedEventException(hookpoint + " event has no timestamp");
  }

  private static boolean retainFlag(Map<String, Object> fields) {
    Object flags = fields.get("flags");
    Object retain = flags instanceof Map<?, ?> m ? m.get("retain") : fields.get("retain");
    if (retain == null) {
      return false;
    }
    if (retain instanceof Boolean b) {
      return b;
    }
    if (retain instanceof Number n) {
      return n.intValue() != 0;
    }
    String s = retain.toString().trim().toLowerCase(Locale.ROOT);
    return s.equals("true") || s.equals("1");
  }

  private static byte[] payload(Object value, boolean base64) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof ByteBuffer bb) {
      ByteBuffer copy = bb.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      // A converter already parsed a JSON payload; store it as the JSON text the client sent.
      try {
        return JSON.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new MalformedEventException("payload cannot be rendered as JSON", e);
      }
    }
    String text = value.toString();
    if (base64) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new MalformedEventException("bridge payload is not valid base64", e);
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Accepts the 32-digit hex GUID in either case; anything else is kept as the broker sent it. */
  private static String normaliseHexId(String id) {
    String trimmed = id.trim();
    return MessageIdFormat.isHexGuid(trimmed) ? trimmed.toUpperCase(Locale.ROOT) : trimmed;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> toMap(Object value) {
    if (value == null) {
      throw new MalformedEventException("record value is null (tombstone), not a broker event");
    }
    if (value instanceof Map<?, ?> m) {
      if (m.keySet().stream().allMatch(String.class::isInstance)) {
        return (Map<String, Object>) m; // read only: BrokerEvent wraps it unmodifiable
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), v));
      return copy;
    }
    try {
      JsonParser parser;
      if (value instanceof String s) {
        if (format == EventFormat.AVRO) {
          throw new MalformedEventException(
              "event.format is avro but the record value is text: use ByteArrayConverter");
        }
        parser = JSON_FACTORY.createParser(s);
      } else if (value instanceof byte[] b) {
        if (format == EventFormat.AVRO) {
          return avro.read(b);
        }
        parser = JSON_FACTORY.createParser(b);
      } else if (value instanceof ByteBuffer bb) {
        byte[] bytes = payload(bb, false);
        if (format == EventFormat.AVRO) {
          return avro.read(bytes);
        }
        parser = JSON_FACTORY.createParser(bytes);
      } else {
        throw new MalformedEventException(
            "unsupported record value type " + value.getClass().getName());
      }
      try (parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new MalformedEventException("record value is JSON but not an object");
        }
        Map<String, Object> fields = readObject(parser);
        if (parser.nextToken() != null) {
          throw new MalformedEventException("record value has content after its JSON object");
        }
        return fields;
      }
    } catch (java.io.IOException e) {
      throw new MalformedEventException(
          "record value is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Reads an object whose START_OBJECT was just consumed: strings, whole numbers as Long (Integer
   * when they fit), decimals as Double, booleans, null, nested objects and arrays. A direct walk of
   * the token stream costs about half of Jackson's untyped data binding, and every record goes
   * through it.
   */
  private static Map<String, Object> readObject(JsonParser p) throws java.io.IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      out.put(name, readValue(p, p.nextToken()));
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedEventException(
          "record value is not valid JSON: unexpected " + p.currentToken());
    }
    return out;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws java.io.IOException {
    if (t == null) {
      throw new MalformedEventException("record value is not valid JSON: it ends too early");
    }
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> p.getIntValue();
            case LONG -> p.getLongValue();
            default -> p.getBigIntegerValue();
          };
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> readArray(p);
      default ->
          throw new MalformedEventException("record value is not valid JSON: unexpected " + t);
    };
  }

  private static List<Object> readArray(JsonParser p) throws java.io.IOException {
    List<Object> list = new ArrayList<>();
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      list.add(readValue(p, e));
    }
    return list;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String firstString(Map<String, Object> fields, String... names) {
    for (String n : names) {
      String v = string(fields.get(n));
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static String string(Object v) {
    return v == null ? null : v.toString();
  }

  private static Integer integer(Object v, String name) {
    Long l = longValue(v, name);
    return l == null ? null : Math.toIntExact(l);
  }

  private static Long longValue(Object v, String name) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new MalformedEventException(name + " is not a number: '" + v + "'");
    }
  }
}
