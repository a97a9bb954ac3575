package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.util.OptionalLong;

/**
 * The write time (µs, Cassandra's USING TIMESTAMP) of each event, which decides every conflict: the
 * newer write wins, whichever arrives last.
 *
 * <p>A message's time is its publish time: the microseconds its EMQX GUID begins with (a derived id
 * begins with the message time too), so an ack's cursor write carries the acked message's publish
 * time and a cursor only moves forward in publish order. Client events have millisecond times; a
 * disconnect that ends the connection begun in the same millisecond (or names no connection) wins
 * the tie by one microsecond, while a new connection begun in the millisecond an older one ended
 * wins it by Cassandra's own rule (equal times: the larger state, 1, and the cleared disconnect).
 */
final class WriteTimes {
  private WriteTimes() {}

  /** The publish time of the message a publish or ack event is about. */
  static long messageMicros(BrokerEvent e, String hexId) {
    if (hexId != null && hexId.length() == 32 && isHex(hexId)) {
      return Long.parseUnsignedLong(hexId, 0, 16, 16); // the hot path: a broker's GUID
    }
    OptionalLong fromId = MessageIdFormat.microsOf(hexId);
    if (fromId.isPresent()) {
      return fromId.getAsLong();
    }
    Object published = e.fields().get("publish_received_at");
    long ms = published instanceof Number n ? n.longValue() : e.timestampMs();
    return Math.multiplyExact(ms, 1000L);
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static long connectMicros(BrokerEvent e) {
    return Math.multiplyExact(e.timestampMs(), 1000L);
  }

  static long disconnectMicros(BrokerEvent e) {
    Long started = e.connectedAtMs();
    boolean endsItsOwnMillisecond = started == null || started >= e.timestampMs();
    return Math.multiplyExact(e.timestampMs(), 1000L) + (endsItsOwnMillisecond ? 1 : 0);
  }

  /** For raw statements: the event's own time. */
  static long eventMicros(BrokerEvent e) {
    return Math.multiplyExact(e.timestampMs(), 1000L);
  }
}
