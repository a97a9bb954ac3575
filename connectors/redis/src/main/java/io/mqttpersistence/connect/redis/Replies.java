package io.mqttpersistence.connect.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads raw pipeline replies; the client speaks RESP2, a RESP3 map is read too. */
final class Replies {
  private Replies() {}

  static String text(Object reply) {
    if (reply == null) {
      return null;
    }
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return reply.toString();
  }

  static List<String> texts(Object reply) {
    List<String> out = new ArrayList<>();
    if (reply instanceof List<?> list) {
      for (Object o : list) {
        out.add(text(o));
      }
    }
    return out;
  }

  /** A HGETALL reply: field/value pairs; empty when the key is gone. */
  static Map<String, String> hash(Object reply) {
    Map<String, String> out = new LinkedHashMap<>();
    if (reply instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(text(k), text(v)));
    } else if (reply instanceof List<?> list) {
      for (int i = 0; i + 1 < list.size(); i += 2) {
        out.put(text(list.get(i)), text(list.get(i + 1)));
      }
    }
    return out;
  }
}
