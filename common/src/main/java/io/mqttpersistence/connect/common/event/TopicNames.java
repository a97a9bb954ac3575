package io.mqttpersistence.connect.common.event;

/** MQTT topic-name helpers that do not depend on a filter. */
public final class TopicNames {
  private TopicNames() {}

  /**
   * {@code $share/<group>/t} and {@code $queue/t} subscribe to {@code t}; EMQX stores and matches
   * the bare filter.
   */
  public static String stripSharePrefix(String topic) {
    if (topic == null) {
      return null;
    }
    if (topic.startsWith("$queue/")) {
      return topic.substring("$queue/".length());
    }
    if (topic.startsWith("$share/")) {
      int slash = topic.indexOf('/', "$share/".length());
      return slash < 0 ? topic : topic.substring(slash + 1);
    }
    return topic;
  }
}
