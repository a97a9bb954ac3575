package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Cassandra connection keys are generated from the ConfigDef. */
class CassandraConfigDocsTest {
  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../../README.md"),
        "cassandra-config",
        ConfigDocs.markdown(
            CassandraSinkConfig.CONFIG_DEF, List.of(CassandraSinkConfig.CONNECTION_GROUP)));
  }
}
