package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's PostgreSQL connection keys are generated from the ConfigDef (see
 * SharedConfigDocsTest).
 */
class PgsqlConfigDocsTest {
  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../../README.md"),
        "pgsql-config",
        ConfigDocs.markdown(PgsqlSinkConfig.CONFIG_DEF, List.of(PgsqlSinkConfig.KEYS.group())));
  }
}
