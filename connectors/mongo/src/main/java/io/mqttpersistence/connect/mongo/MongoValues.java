package io.mqttpersistence.connect.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How event data becomes BSON: times as dates (or EMQX's epoch seconds), payloads as text, a
 * sub-document or binary, and typed template values. Event data can become a field value, never a
 * field name an operator could read: a document from event data whose keys start with {@code $},
 * hold a {@code .} or a NUL, or that nests deeper than BSON allows, is stored as its JSON text.
 */
final class MongoValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Well inside BSON's 100 levels, which the server enforces with an error. */
  private static final int MAX_DEPTH = 64;

  /** The payload_format of EMQX's Mongo hooks. */
  enum PayloadFormat {
    /** A payload that is a JSON object or array is a sub-document; anything else text. */
    MONGO_JSON,
    /** Always text. */
    PLAIN_TEXT
  }

  private final boolean seconds;

  MongoValues(boolean seconds) {
    this.seconds = seconds;
  }

  Object time(long epochMs) {
    return seconds ? (Object) Math.floorDiv(epochMs, 1000) : Instant.ofEpochMilli(epochMs);
  }

  /** A stored time back as epoch ms (numbers are EMQX's seconds). */
  // The driver decodes BSON dates as java.util.Date.
  @SuppressWarnings("JavaUtilDate")
  static Long epochMs(Object stored) {
    if (stored instanceof Date d) {
      return d.getTime();
    }
    if (stored instanceof Number n) {
      return n.longValue() * 1000;
    }
    return null;
  }

  /** The payload as stored: text, a sub-document (mongo_json) or, when not UTF-8, binary. */
  static Object payload(BrokerEvent e, PayloadFormat format) {
    if (e.payload() == null) {
      return "";
    }
    if (!e.payloadIsText()) {
      return new Binary(e.payload());
    }
    String text = e.payloadText();
    if (format == PayloadFormat.MONGO_JSON && looksLikeJsonContainer(text)) {
      try {
        Object parsed = JSON.readValue(text, Object.class);
        if (parsed instanceof Map<?, ?> || parsed instanceof List<?>) {
          Object bson = bson(parsed);
          if (!(bson instanceof String)) {
            return bson;
          }
        }
      } catch (IOException notJson) {
        // stored as text
      }
    }
    return text;
  }

  private static boolean looksLikeJsonContainer(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /**
   * A typed value (from JSON or a placeholder) as BSON: maps become documents, byte arrays binary;
   * a map or list with a key an operator could read is its JSON text instead.
   */
  static Object bson(Object v) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      if (!safe(v, 0)) {
        try {
          return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
          return String.valueOf(v);
        }
      }
      return convert(v);
    }
    if (v instanceof byte[] b) {
      return new Binary(b);
    }
    return v;
  }

  private static boolean safe(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (k.startsWith("$") || k.indexOf('.') >= 0 || k.indexOf('\0') >= 0) {
          return false;
        }
        if (!safe(e.getValue(), depth + 1)) {
          return false;
        }
      }
    } else if (v instanceof List<?> l) {
      for (Object x : l) {
        if (!safe(x, depth + 1)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Object convert(Object v) {
    if (v instanceof Map<?, ?> m) {
      Document d = new Document();
      m.forEach((k, x) -> d.append(String.valueOf(k), convert(x)));
      return d;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(convert(x)));
      return out;
    }
    if (v instanceof byte[] b) {
      return new Binary(b);
    }
    return v;
  }

  /** A stored payload as a lookup reply carries it: text, and binary as base64. */
  static Map<String, Object> replyPayload(Object stored) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (stored instanceof Binary b) {
      out.put("payload", Base64.getEncoder().encodeToString(b.getData()));
      out.put("payload_encoding", "base64");
    } else if (stored instanceof Map<?, ?> || stored instanceof List<?>) {
      try {
        out.put(
            "payload", JSON.writeValueAsString(stored)); // a sub-document holds JSON values only
      } catch (JsonProcessingException e) {
        out.put("payload", stored.toString());
      }
    } else {
      out.put("payload", stored == null ? null : stored.toString());
    }
    return out;
  }
}
