package io.mqttpersistence.connect.common.event;

import java.util.Locale;
import java.util.Optional;

/**
 * The broker hookpoints EMQX backends attach actions to, named as in {@code hook.<hookpoint>.<N>}.
 */
public enum Hookpoint {
  CLIENT_CONNECTED("client.connected"),
  CLIENT_DISCONNECTED("client.disconnected"),
  SESSION_SUBSCRIBED("session.subscribed"),
  SESSION_UNSUBSCRIBED("session.unsubscribed"),
  MESSAGE_PUBLISH("message.publish"),
  MESSAGE_DELIVERED("message.delivered"),
  MESSAGE_ACKED("message.acked");

  private final String key;

  Hookpoint(String key) {
    this.key = key;
  }

  /** The dotted name used in config keys and in the {@code event} field of rule-engine JSON. */
  public String key() {
    return key;
  }

  /** Hookpoints whose event carries an MQTT topic a filter can be matched against. */
  public boolean hasTopic() {
    return this != CLIENT_CONNECTED && this != CLIENT_DISCONNECTED;
  }

  /**
   * Accepts the dotted name ({@code client.connected}), the underscore form used by bridge topics
   * and {@code $events/} rule sources ({@code client_connected}, {@code $events/client_connected}),
   * in any case.
   */
  public static Optional<Hookpoint> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("$events/")) {
      n = n.substring("$events/".length());
    }
    n = n.replace('_', '.');
    for (Hookpoint h : values()) {
      if (h.key.equals(n)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return key;
  }
}
