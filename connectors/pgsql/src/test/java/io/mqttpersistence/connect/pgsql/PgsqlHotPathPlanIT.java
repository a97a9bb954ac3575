package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.HotPathPlanSuite;
import io.mqttpersistence.connect.jdbc.SqlDialect;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class PgsqlHotPathPlanIT extends HotPathPlanSuite {
  private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");

  @Override
  protected SqlTestTarget target() {
    return PgsqlTarget.INSTANCE;
  }

  @Override
  protected SqlDialect dialect() {
    return PgsqlDialect.INSTANCE;
  }

  @Override
  protected void fillHistory(Connection c, int rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
              + " SELECT 'm-' || g, 'c-' || (g % 1000), 't/' || (g % 500), 1, 0, 'p',"
              + " TIMESTAMP '2023-11-14 00:00:00' + g * INTERVAL '1 second'"
              + " FROM generate_series(1, "
              + rows
              + ") g");
      s.execute(
          "INSERT INTO mqtt_ack_pending(clientid, topic, msgid, created)"
              + " SELECT 'c-' || g, 't/' || (g % 500), 'gone-' || g, TIMESTAMP '2023-11-14 00:00:00'"
              + " FROM generate_series(1, "
              + rows / 10
              + ") g");
      s.execute(
          "INSERT INTO mqtt_acked(clientid, topic, mid, created)"
              + " SELECT 'c-' || g, 't/' || (g % 500), g, TIMESTAMP '2023-11-14 00:00:00'"
              + " FROM generate_series(1, "
              + rows
              + ") g");
      s.execute(
          "INSERT INTO mqtt_sub(clientid, topic, qos) SELECT 'c-' || g, 't/' || (g % 500), 1"
              + " FROM generate_series(1, "
              + rows
              + ") g");
      s.execute("ANALYZE");
    }
  }

  @Override
  protected List<String> fullScans(List<Map<String, Object>> plan, Set<String> tables) {
    List<String> scans = new ArrayList<>();
    for (Map<String, Object> row : plan) {
      Matcher m = SEQ_SCAN.matcher(String.valueOf(row.values().iterator().next()));
      if (m.find() && tables.contains(m.group(1))) {
        scans.add(m.group(1));
      }
    }
    return scans;
  }
}
