package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's MySQL connection keys are generated from the ConfigDef (see SharedConfigDocsTest).
 */
class MysqlConfigDocsTest {
  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../../README.md"),
        "mysql-config",
        ConfigDocs.markdown(MysqlSinkConfig.CONFIG_DEF, List.of(MysqlSinkConfig.KEYS.group())));
  }
}
