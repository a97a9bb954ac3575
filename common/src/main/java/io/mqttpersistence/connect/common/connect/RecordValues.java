package io.mqttpersistence.connect.common.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** Adapts what a Connect converter produced (Struct, Map, String, bytes) to plain Java values. */
final class RecordValues {
  private RecordValues() {}

  static Object plain(Object value) {
    if (value instanceof Struct s) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Field f : s.schema().fields()) {
        map.put(f.name(), plain(s.get(f)));
      }
      return map;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> map = new LinkedHashMap<>();
      m.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
      return map;
    }
    if (value instanceof List<?> l) {
      List<Object> list = new ArrayList<>(l.size());
      l.forEach(v -> list.add(plain(v)));
      return list;
    }
    return value;
  }
}
