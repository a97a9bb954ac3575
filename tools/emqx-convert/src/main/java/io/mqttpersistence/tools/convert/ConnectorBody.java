package io.mqttpersistence.tools.convert;

import java.util.Map;

/** One Connect REST body, {@code {"name": ..., "config": {...}}}: the connector for one pool. */
record ConnectorBody(String name, Map<String, String> config) {
  ConnectorBody {
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }
}
