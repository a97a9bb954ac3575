package io.mqttpersistence.tools.convert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuttlefish durations ({@code 5s}, {@code 500ms}, {@code 1m}) as milliseconds. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private Durations() {}

  static String toMillis(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration like 5s or 500ms: " + text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    long factor =
        switch (unit) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 86_400_000;
        };
    return Long.toString(Math.multiplyExact(n, factor));
  }
}
