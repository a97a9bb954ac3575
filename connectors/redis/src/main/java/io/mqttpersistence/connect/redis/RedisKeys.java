package io.mqttpersistence.connect.redis;

/** EMQX's Redis key layout (reference 2.3); keys are data-bearing strings, never parsed back. */
final class RedisKeys {
  private RedisKeys() {}

  static String client(String clientid) {
    return "mqtt:client:" + clientid;
  }

  static String node(String node) {
    return "mqtt:node:" + node;
  }

  static String subscriptions(String clientid) {
    return "mqtt:sub:" + clientid;
  }

  static String message(String msgid) {
    return "mqtt:msg:" + msgid;
  }

  /** The zset of a topic's stored message ids; EMQX shares the prefix with message hashes. */
  static String topicMessages(String topic) {
    return "mqtt:msg:" + topic;
  }

  static String retained(String topic) {
    return "mqtt:retain:" + topic;
  }

  static String cursor(String clientid, String topic) {
    return "mqtt:acked:" + clientid + ":" + topic;
  }

  static String latest(String topic) {
    return "mqtt:latest_msg:" + topic;
  }
}
