package io.mqttpersistence.connect.mysql;

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

class MysqlHotPathPlanIT extends HotPathPlanSuite {
  /** The aliases the dialect's statements give the growing tables. */
  private static final Map<String, String> ALIASES =
      Map.of("p", "mqtt_ack_pending", "m", "mqtt_msg", "a", "mqtt_acked");

  @Override
  protected SqlTestTarget target() {
    return MysqlTarget.INSTANCE;
  }

  @Override
  protected SqlDialect dialect() {
    return MysqlDialect.INSTANCE;
  }

  @Override
  protected void fillHistory(Connection c, int rows) throws SQLException {
    // Row numbers from a cross join of digits: no generate_series here.
    String numbers =
        " FROM (SELECT d1.d + 10 * d2.d + 100 * d3.d + 1000 * d4.d + 10000 * d5.d"
            + " AS g FROM digits d1, digits d2, digits d3, digits d4, digits d5) n"
            + " WHERE g BETWEEN 1 AND ";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE digits(d int PRIMARY KEY)");
      s.execute("INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
      s.execute(
          "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
              + " SELECT CONCAT('m-', g), CONCAT('c-', g % 1000), CONCAT('t/', g % 500), 1, 0, 'p',"
              + " TIMESTAMP '2023-11-14 00:00:00' + INTERVAL g SECOND"
              + numbers
              + rows);
      s.execute(
          "INSERT INTO mqtt_ack_pending(clientid, topic, msgid, created)"
              + " SELECT CONCAT('c-', g), CONCAT('t/', g % 500), CONCAT('gone-', g),"
              + " TIMESTAMP '2023-11-14 00:00:00'"
              + numbers
              + rows / 10);
      s.execute(
          "INSERT INTO mqtt_acked(clientid, topic, mid, created)"
              + " SELECT CONCAT('c-', g), CONCAT('t/', g % 500), g, TIMESTAMP '2023-11-14 00:00:00'"
              + numbers
              + rows);
      s.execute(
          "INSERT INTO mqtt_sub(clientid, topic, qos) SELECT CONCAT('c-', g), CONCAT('t/', g % 500), 1"
              + numbers
              + rows);
      s.execute("DROP TABLE digits");
      s.execute("ANALYZE TABLE mqtt_msg, mqtt_ack_pending, mqtt_acked, mqtt_sub");
    }
  }

  /**
   * EXPLAIN's rows that read a table whole: type ALL (rows) or index (the whole index). The row of
   * an INSERT's own target is not a read.
   */
  @Override
  protected List<String> fullScans(List<Map<String, Object>> plan, Set<String> tables) {
    List<String> scans = new ArrayList<>();
    for (Map<String, Object> row : plan) {
      String table = String.valueOf(row.get("table"));
      table = ALIASES.getOrDefault(table, table);
      String type = String.valueOf(row.get("type"));
      boolean insertTarget = "INSERT".equalsIgnoreCase(String.valueOf(row.get("select_type")));
      if (tables.contains(table) && !insertTarget && (type.equals("ALL") || type.equals("index"))) {
        scans.add(table);
      }
    }
    return scans;
  }
}
