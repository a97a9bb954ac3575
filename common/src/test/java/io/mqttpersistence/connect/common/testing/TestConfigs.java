package io.mqttpersistence.connect.common.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Connector settings end-to-end tests share, and the hook values they write. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * What a test connector starts from: its class, topic, task count, text converters and retries
   * that outlast a restarted server.
   */
  public static Map<String, String> base(String connectorClass, String topics, int tasks) {
    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("connector.class", connectorClass);
    cfg.put("tasks.max", Integer.toString(tasks));
    cfg.put("topics", topics);
    cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    cfg.put("max.retries", "1000");
    cfg.put("retry.backoff.ms", "300");
    return cfg;
  }

  /**
   * errors.tolerance=all with a dead-letter queue on {@code topic} (one replica: the test cluster
   * has one broker), the reason in its headers.
   */
  public static Map<String, String> deadLetterQueue(String topic) {
    return Map.of(
        "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", topic,
        "errors.deadletterqueue.topic.replication.factor", "1",
        "errors.deadletterqueue.context.headers.enable", "true");
  }

  /** A hook value that runs a built-in function on every event of its hookpoint. */
  public static String function(String name) {
    return "{\"action\": {\"function\": \"" + name + "\"}}";
  }

  /** A hook value that runs a built-in function on events whose topic matches {@code filter}. */
  public static String function(String filter, String name) {
    return "{\"topic\": \"" + filter + "\", \"action\": {\"function\": \"" + name + "\"}}";
  }
}
