package io.mqttpersistence.connect.pgsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's pgsql config reference is generated from the ConfigDef. When this fails, regenerate it:
 * {@code mvn -pl connectors/pgsql -am test -Dtest=PgsqlConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true}.
 */
class PgsqlConfigDocsTest {
  private static final Path README = Path.of("../../README.md");
  private static final String START = "<!-- pgsql-config:start -->\n";
  private static final String END = "<!-- pgsql-config:end -->";

  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    String readme = Files.readString(README);
    int from = readme.indexOf(START);
    int to = readme.indexOf(END);
    assertThat(from).as("README markers").isNotNegative();
    assertThat(to).as("README markers").isGreaterThan(from);
    String generated = ConfigDocs.markdown(PgsqlSinkConfig.CONFIG_DEF);
    String current = readme.substring(from + START.length(), to);
    if (Boolean.getBoolean("docs.update") && !current.equals(generated)) {
      Files.writeString(README, readme.substring(0, from + START.length()) + generated + readme.substring(to));
      return;
    }
    assertThat(current).as("README pgsql config reference (regenerate with -Ddocs.update=true)").isEqualTo(generated);
  }
}
