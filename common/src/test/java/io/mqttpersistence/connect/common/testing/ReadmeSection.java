package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated part of the README between {@code <!-- name:start -->} and {@code <!-- name:end -->}:
 * the test fails when it is stale, and rewrites it when run with {@code -Ddocs.update=true}.
 */
public final class ReadmeSection {
  private ReadmeSection() {}

  public static void assertCurrent(Path readmeFile, String name, String generated)
      throws IOException {
    String start = "<!-- " + name + ":start -->\n";
    String end = "<!-- " + name + ":end -->";
    String readme = Files.readString(readmeFile);
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertThat(from).as("README marker " + start.trim()).isNotNegative();
    assertThat(to).as("README marker " + end).isGreaterThan(from);
    String current = readme.substring(from + start.length(), to);
    if (Boolean.getBoolean("docs.update") && !current.equals(generated)) {
      Files.writeString(
          readmeFile,
          readme.substring(0, from + start.length()) + generated + readme.substring(to));
      return;
    }
    assertThat(current)
        .as("README section " + name + " (regenerate with -Ddocs.update=true)")
        .isEqualTo(generated);
  }
}
