package io.mqttpersistence.connect.jdbc.testing;

import io.mqttpersistence.connect.common.testing.PluginZipSuite;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** {@link PluginZipSuite} for a SQL connector: a fresh database on the server its suites use. */
public abstract class SqlPluginZipSuite extends PluginZipSuite {
  private SqlTestDatabase db;

  protected abstract SqlTestTarget target();

  @Override
  protected String connectorName() {
    return target().prefix();
  }

  @Override
  protected String connectorClass() {
    return target().connectorClass().getName();
  }

  @Override
  protected Map<String, String> connection() {
    db = target().createDatabase();
    String p = target().prefix();
    return Map.of(
        p + ".server", db.server(), p + ".database", db.name(), p + ".username", db.user());
  }

  @Override
  protected boolean clientOnline(String clientid) {
    return db.hasTable("mqtt_client")
        && db.count(
                "SELECT count(*) FROM mqtt_client WHERE state = 1 AND clientid = '"
                    + clientid
                    + "'")
            == 1;
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
