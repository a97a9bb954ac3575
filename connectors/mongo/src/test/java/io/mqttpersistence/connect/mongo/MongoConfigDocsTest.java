package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's MongoDB connection keys are generated from the ConfigDef. */
class MongoConfigDocsTest {
  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../../README.md"),
        "mongo-config",
        ConfigDocs.markdown(MongoSinkConfig.CONFIG_DEF, List.of(MongoSinkConfig.CONNECTION_GROUP)));
  }
}
