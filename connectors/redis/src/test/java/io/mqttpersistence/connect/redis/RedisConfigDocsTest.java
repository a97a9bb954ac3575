package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.ConfigDocs;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Redis connection keys are generated from the ConfigDef (see SharedConfigDocsTest).
 */
class RedisConfigDocsTest {
  @Test
  void readmeConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../../README.md"),
        "redis-config",
        ConfigDocs.markdown(RedisSinkConfig.CONFIG_DEF, List.of(RedisSinkConfig.CONNECTION_GROUP)));
  }
}
