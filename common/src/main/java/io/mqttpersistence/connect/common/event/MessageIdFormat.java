package io.mqttpersistence.connect.common.event;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How a message GUID is written into the database's {@code msgid} column.
 *
 * <p>{@link #BASE62} reproduces {@code emqx_guid:to_base62/1} exactly, so rows stay interchangeable
 * with tables EMQX's backends filled: the 128-bit id is written as its decimal digits, and those
 * ASCII bytes are read as 6-bit groups (tail groups are short, not padded), each mapped to A-Z,
 * a-z, 0-8, or the two-character escapes 9A, 9B, 9C for 61..63.
 */
public enum MessageIdFormat {
  BASE62,
  HEX;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MessageIdFormat fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** Encodes a 32-digit hex GUID; ids that are not hex GUIDs are stored as the broker sent them. */
  public String encode(String hexId) {
    if (hexId == null) {
      return null;
    }
    if (this == HEX || !isHexGuid(hexId)) {
      return hexId;
    }
    return base62(
        decimalDigits(
            Long.parseUnsignedLong(hexId, 0, 16, 16), Long.parseUnsignedLong(hexId, 16, 32, 16)));
  }

  /**
   * The decimal digits (as ASCII) of the unsigned 128-bit number {@code hi:lo}: schoolbook division
   * of its four 32-bit limbs by 10^9, which every message of the hot path goes through
   * (BigInteger's general conversion costs several times more).
   */
  static byte[] decimalDigits(long hi, long lo) {
    long[] limbs = {hi >>> 32, hi & 0xffffffffL, lo >>> 32, lo & 0xffffffffL};
    byte[] out = new byte[40];
    int pos = out.length;
    boolean zero;
    do {
      long rem = 0;
      zero = true;
      for (int i = 0; i < 4; i++) {
        long cur = rem << 32 | limbs[i];
        limbs[i] = cur / 1_000_000_000L;
        rem = cur % 1_000_000_000L;
        zero &= limbs[i] == 0;
      }
      for (int d = 0; d < 9 && (!zero || rem != 0 || d == 0); d++) {
        out[--pos] = (byte) ('0' + rem % 10);
        rem /= 10;
      }
    } while (!zero);
    return Arrays.copyOfRange(out, pos, out.length);
  }

  /**
   * The broker time a stored id (either format) was minted at, in microseconds: EMQX GUIDs begin
   * with a 64-bit microsecond timestamp. Empty for ids that are neither form of a GUID (e.g. "0").
   */
  public static OptionalLong microsOf(String stored) {
    if (stored == null) {
      return OptionalLong.empty();
    }
    try {
      BigInteger guid =
          isHexGuid(stored)
              ? new BigInteger(stored, 16)
              : new BigInteger(new String(unbase62(stored), StandardCharsets.US_ASCII));
      return guid.bitLength() > 64
          ? OptionalLong.of(guid.shiftRight(64).longValue())
          : OptionalLong.empty();
    } catch (IllegalArgumentException notAnId) {
      return OptionalLong.empty();
    }
  }

  /** The inverse of {@link #base62}. */
  static byte[] unbase62(String s) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        values.add(c - 'A');
      } else if (c >= 'a' && c <= 'z') {
        values.add(c - 'a' + 26);
      } else if (c >= '0' && c <= '8') {
        values.add(c - '0' + 52);
      } else if (c == '9'
          && i + 1 < s.length()
          && s.charAt(i + 1) >= 'A'
          && s.charAt(i + 1) <= 'C') {
        values.add(61 + s.charAt(++i) - 'A');
      } else {
        throw new IllegalArgumentException("not base62: " + s);
      }
    }
    int full = values.size() / 4 * 4;
    int rest = values.size() - full;
    if (rest == 1) {
      throw new IllegalArgumentException("not base62: " + s);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < full; i += 4) {
      int n =
          values.get(i) << 18
              | values.get(i + 1) << 12
              | values.get(i + 2) << 6
              | values.get(i + 3);
      out.write(n >> 16);
      out.write(n >> 8 & 0xff);
      out.write(n & 0xff);
    }
    if (rest == 3) {
      int n = values.get(full) << 10 | values.get(full + 1) << 4 | values.get(full + 2);
      out.write(n >> 8 & 0xff);
      out.write(n & 0xff);
    } else if (rest == 2) {
      out.write(values.get(full) << 2 | values.get(full + 1));
    }
    return out.toByteArray();
  }

  static boolean isHexGuid(String id) {
    if (id.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static String base62(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 4 / 3 + 4);
    int i = 0;
    for (; i + 3 <= bytes.length; i += 3) {
      int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
      append(out, n >> 18 & 63);
      append(out, n >> 12 & 63);
      append(out, n >> 6 & 63);
      append(out, n & 63);
    }
    int rest = bytes.length - i;
    if (rest == 2) {
      int n = (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
      append(out, n >> 10 & 63);
      append(out, n >> 4 & 63);
      append(out, n & 15);
    } else if (rest == 1) {
      int n = bytes[i] & 0xff;
      append(out, n >> 2 & 63);
      append(out, n & 3);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, int v) {
    if (v < 26) {
      out.append((char) ('A' + v));
    } else if (v < 52) {
      out.append((char) ('a' + v - 26));
    } else if (v < 61) {
      out.append((char) ('0' + v - 52));
    } else {
      out.append('9').append((char) ('A' + v - 61));
    }
  }
}
