package io.mqttpersistence.connect.common.hook;

import io.mqttpersistence.connect.common.event.TopicNames;

/**
 * An MQTT topic filter ({@code +} one level, {@code #} the rest), matched the way the broker does.
 * Topics starting with {@code $} are not matched by a filter whose first level is a wildcard.
 */
public final class TopicFilter {
  private final String filter;
  private final String[] levels;

  private TopicFilter(String filter) {
    this.filter = filter;
    this.levels = filter.split("/", -1);
  }

  /**
   * Checks and parses a filter; {@code $share/<group>/} and {@code $queue/} prefixes are dropped.
   *
   * @throws IllegalArgumentException with a readable reason when the filter is not valid MQTT
   */
  public static TopicFilter parse(String filter) {
    if (filter == null || filter.isEmpty()) {
      throw new IllegalArgumentException("topic filter is empty");
    }
    String bare = TopicNames.stripSharePrefix(filter);
    if (bare.isEmpty()) {
      throw new IllegalArgumentException(
          "topic filter '" + filter + "' has nothing after its share prefix");
    }
    String[] levels = bare.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        throw new IllegalArgumentException(
            "'#' must be the whole last level in topic filter '" + filter + "'");
      }
      if (level.contains("+") && !level.equals("+")) {
        throw new IllegalArgumentException(
            "'+' must be a whole level in topic filter '" + filter + "'");
      }
    }
    return new TopicFilter(bare);
  }

  public boolean matches(String topic) {
    if (topic == null) {
      return false;
    }
    if (topic.startsWith("$") && (levels[0].equals("#") || levels[0].equals("+"))) {
      return false;
    }
    int n = topic.length();
    int pos = 0; // start of the current topic level; n + 1 once the topic has no more levels
    for (String level : levels) {
      if (level.equals("#")) {
        return true; // also matches the parent level: "a/#" matches "a"
      }
      if (pos > n) {
        return false;
      }
      int end = topic.indexOf('/', pos);
      if (end < 0) {
        end = n;
      }
      if (!level.equals("+") && !(end - pos == level.length() && topic.startsWith(level, pos))) {
        return false;
      }
      pos = end + 1;
    }
    return pos > n;
  }

  @Override
  public String toString() {
    return filter;
  }
}
