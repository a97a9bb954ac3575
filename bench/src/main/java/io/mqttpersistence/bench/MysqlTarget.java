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
