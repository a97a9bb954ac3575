package io.mqttpersistence.connect.common.hook;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code offline_opts} of a session.subscribed hook: how many stored messages a fetch returns (the
 * newest N, delivered oldest first) and how far back it looks.
 */
public record OfflineOptions(OptionalInt maxReturnedCount, Optional<Duration> timeRange) {
  public static final OfflineOptions NONE =
      new OfflineOptions(OptionalInt.empty(), Optional.empty());

  /**
   * Parses a cuttlefish duration as EMQX did: {@code 2h}, {@code 30m}, {@code 1d}, {@code 45s}, a
   * bare number of seconds, or {@code infinity} for no limit.
   */
  public static Optional<Duration> parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("infinity")) {
      return Optional.empty();
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException("time_range is empty");
    }
    char unit = t.charAt(t.length() - 1);
    String digits = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
    long n;
    try {
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "time_range '" + text + "' is not like 2h, 30m, 1d or 45s");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("time_range '" + text + "' must be positive");
    }
    return Optional.of(
        switch (unit) {
          case 'd' -> Duration.ofDays(n);
          case 'h' -> Duration.ofHours(n);
          case 'm' -> Duration.ofMinutes(n);
          case 's' -> Duration.ofSeconds(n);
          default -> {
            if (Character.isDigit(unit)) {
              yield Duration.ofSeconds(n);
            }
            throw new IllegalArgumentException(
                "time_range '" + text + "' has unknown unit '" + unit + "'");
          }
        });
  }
}
