package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's reference of the keys every connector shares is generated from the ConfigDef.
 * Regenerate: {@code mvn -B test -Ddocs.update=true -Dtest='*ConfigDocsTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SharedConfigDocsTest {
  @Test
  void readmeSharedConfigReferenceIsCurrent() throws Exception {
    ReadmeSection.assertCurrent(
        Path.of("../README.md"),
        "shared-config",
        ConfigDocs.markdown(EventSinkConfig.baseConfigDef()));
  }
}
