package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.jdbc.JdbcBinder;
import io.mqttpersistence.connect.mysql.MysqlBenchAccess;
import io.mqttpersistence.connect.mysql.MysqlSinkTask;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.sink.SinkTask;

/** MySQL or MariaDB at {@code -Dbench.mysql.server} (default 127.0.0.1:3306, root). */
final class MysqlTarget extends SqlTarget {
  private static final String OPTIONS =
      "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
          + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private final String server = System.getProperty("bench.mysql.server", "127.0.0.1:3306");
  private final String user = System.getProperty("bench.mysql.user", "root");

  MysqlTarget() throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:mysql://" + server + "/" + OPTIONS, user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4");
    }
  }

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public String versions() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      rs.next();
      return "MariaDB/MySQL "
          + rs.getString(1)
          + ", Connector/J "
          + c.getMetaData().getDriverVersion();
    }
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("mysql.server", server, "mysql.database", DATABASE, "mysql.username", user);
  }

  @Override
  public String connectorClass() {
    return "io.mqttpersistence.connect.mysql.MysqlSinkConnector";
  }

  @Override
  public SinkTask newTask() {
    return new MysqlSinkTask();
  }

  @Override
  public SinkDefinition<?, ? extends EventSinkConfig> definition() {
    return MysqlBenchAccess.definition();
  }

  @Override
  public EventStore<?> storeWithoutIo() {
    return MysqlBenchAccess.store(NullJdbc.dataSource());
  }

  @Override
  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", "");
    p.setProperty("rewriteBatchedStatements", "true");
    return open("jdbc:mysql://" + server + "/" + DATABASE + OPTIONS, p);
  }

  /** A cross join of digits: MySQL has no generate_series. */
  @Override
  String numbers(int rows) {
    int places = Math.max(1, Integer.toString(rows).length());
    StringBuilder g = new StringBuilder("1");
    StringBuilder from = new StringBuilder();
    long weight = 1;
    for (int i = 0; i < places; i++) {
      g.append(" + ").append(weight).append(" * d").append(i).append(".d");
      from.append(i == 0 ? "" : ", ").append(DIGITS).append(" d").append(i);
      weight *= 10;
    }
    return "(SELECT " + g + " AS g FROM " + from + ") n WHERE g <= " + rows;
  }

  private static final String DIGITS =
      "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
          + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8"
          + " UNION ALL SELECT 9)";

  @Override
  String millisInto2026(String millisExpr) {
    return "TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (" + millisExpr + " * 1000) MICROSECOND";
  }

  @Override
  String analyze() {
    return "ANALYZE TABLE mqtt_msg, mqtt_acked, mqtt_ack_pending";
  }

  @Override
  void createSchema(Connection c) throws SQLException {
    MysqlBenchAccess.createSchema(c);
  }

  @Override
  Object timestamp(long epochMs) {
    return TIME.format(JdbcBinder.utc(epochMs));
  }

  /** Multi-row INSERTs of 1,000 rows, the fastest path MySQL's protocol has for prepared rows. */
  @Override
  public double limit(List<Workload.Row> rows) throws Exception {
    return multiRowInserts(rows, 1000);
  }

  @Override
  public void close() {}
}
