package io.mqttpersistence.connect.common.event;

import java.util.Locale;

/**
 * A record that is a broker event, but not one this connector acts on.
 *
 * @param reason why it is skipped
 * @param event the event's name as the record gave it, for logs
 */
public record Skipped(Reason reason, String event) implements Decoded {

  /** Why a valid record does not reach the store. */
  public enum Reason {
    /** An EMQX event (message.dropped, session.created, ...) for which no hook is configured. */
    UNHANDLED_EVENT,
    /** An event name that is not one EMQX writes, e.g. from a newer broker. */
    UNKNOWN_EVENT,
    /** A hookpoint with hooks, none of whose topic filters matches the event's topic. */
    NO_HOOK_MATCHED;

    /** The lower-case name logs and metrics use: unhandled-event, unknown-event, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
