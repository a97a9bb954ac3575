package io.mqttpersistence.tools.convert;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads cuttlefish's {@code key = value} format as EMQX 4 writes its plugin configs: one setting
 * per line, {@code #} starts a comment line, blank lines are ignored, and the value is the rest of
 * the line (hook values are JSON and may hold {@code =} or {@code #}).
 */
final class ConfParser {
  private ConfParser() {}

  /** The settings of one file, in order; malformed lines go to {@code problems}. */
  static List<ConfLine> parse(String file, String text, List<Problem> problems) {
    List<ConfLine> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (eq < 0 || !key.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_$]+)+")) {
        problems.add(
            new Problem(file + ":" + (i + 1), "not a 'key = value' setting: " + shorten(line)));
        continue;
      }
      out.add(new ConfLine(file, i + 1, key, line.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String shorten(String line) {
    if (line.toLowerCase(java.util.Locale.ROOT).contains("password")) {
      return "(a password line: its text is not shown)";
    }
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
