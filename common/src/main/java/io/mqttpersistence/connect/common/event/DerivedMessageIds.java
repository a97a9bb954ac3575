package io.mqttpersistence.connect.common.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Message ids for inputs that carry none (the EMQX 4 Kafka bridge writes publishes and acks without
 * one). An id is derived from what both a publish and its ack carry: the publisher's clientid, the
 * topic, the payload and the message time. So every redelivery of a record, on any task, gets the
 * same id (storing it once), and an ack derives the id of the message it acknowledges.
 *
 * <p>The id is shaped like EMQX's GUIDs: its first 64 bits are a microsecond timestamp (the message
 * time in milliseconds, plus 0..999 µs taken from the hash, so that different messages of one
 * millisecond rarely share a timestamp), so time order, Redis scores and "newest message" logic
 * work as with broker ids; the last 64 bits are the rest of a SHA-256 of the four fields. Two
 * messages identical in all four (same sender, topic, payload and millisecond) get one id and are
 * stored once, as are a message and the broker's own re-sent duplicate of it.
 */
public final class DerivedMessageIds {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(DerivedMessageIds::sha256);

  private DerivedMessageIds() {}

  /** The id, as 32 upper-case hex digits like the broker's own. */
  public static String derive(String sender, String topic, byte[] payload, long timestampMs) {
    MessageDigest sha = SHA256.get();
    sha.reset();
    update(sha, sender.getBytes(StandardCharsets.UTF_8));
    update(sha, topic.getBytes(StandardCharsets.UTF_8));
    update(sha, payload == null ? new byte[0] : payload);
    for (int i = 7; i >= 0; i--) {
      sha.update((byte) (timestampMs >>> (8 * i)));
    }
    byte[] h = sha.digest();
    int subMillis = Math.floorMod((h[0] & 0xff) << 8 | (h[1] & 0xff), 1000);
    long micros = timestampMs * 1000 + subMillis;
    long low = 0;
    for (int i = 2; i < 10; i++) {
      low = low << 8 | (h[i] & 0xff);
    }
    char[] out = new char[32];
    hex(micros, out, 0);
    hex(low, out, 16);
    return new String(out);
  }

  /** Length-prefixed, so that ("ab", "c") and ("a", "bc") never hash alike. */
  private static void update(MessageDigest sha, byte[] field) {
    int n = field.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(field);
  }

  private static void hex(long v, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
