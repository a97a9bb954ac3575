package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.jdbc.JdbcBinder;
import io.mqttpersistence.connect.pgsql.PgsqlBenchAccess;
import io.mqttpersistence.connect.pgsql.PgsqlSinkTask;
import java.io.StringReader;
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
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** PostgreSQL at {@code -Dbench.pgsql.server} (default 127.0.0.1:5432, user postgres). */
final class PgsqlTarget extends SqlTarget {
  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private final String server = System.getProperty("bench.pgsql.server", "127.0.0.1:5432");
  private final String user = System.getProperty("bench.pgsql.user", "postgres");

  PgsqlTarget() throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", user, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  @Override
  public String name() {
    return "pgsql";
  }

  @Override
  public String versions() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1) + ", JDBC " + c.getMetaData().getDriverVersion();
    }
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("pgsql.server", server, "pgsql.database", DATABASE, "pgsql.username", user);
  }

  @Override
  public String connectorClass() {
    return "io.mqttpersistence.connect.pgsql.PgsqlSinkConnector";
  }

  @Override
  public SinkTask newTask() {
    return new PgsqlSinkTask();
  }

  @Override
  public SinkDefinition<?, ? extends EventSinkConfig> definition() {
    return PgsqlBenchAccess.definition();
  }

  @Override
  public EventStore<?> storeWithoutIo() {
    return PgsqlBenchAccess.store(NullJdbc.dataSource());
  }

  @Override
  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("reWriteBatchedInserts", "true");
    return open("jdbc:postgresql://" + server + "/" + DATABASE, p);
  }

  @Override
  String numbers(int rows) {
    return "generate_series(1, " + rows + ") AS n(g)";
  }

  @Override
  String millisInto2026(String millisExpr) {
    return "TIMESTAMP '2026-01-01 00:00:00' + " + millisExpr + " * INTERVAL '1 millisecond'";
  }

  @Override
  String analyze() {
    return "ANALYZE";
  }

  @Override
  void createSchema(Connection c) throws SQLException {
    PgsqlBenchAccess.createSchema(c);
  }

  @Override
  Object timestamp(long epochMs) {
    return JdbcBinder.utc(epochMs);
  }

  /** The faster of COPY (100,000 rows a call) and multi-row INSERTs of 1,000 rows. */
  @Override
  public double limit(List<Workload.Row> rows) throws Exception {
    return Math.max(copy(rows), multiRowInserts(rows, 1000));
  }

  private double copy(List<Workload.Row> rows) throws Exception {
    reset();
    long start = System.nanoTime();
    try (Connection c = connect()) {
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      for (int from = 0; from < rows.size(); from += 100_000) {
        StringBuilder csv = new StringBuilder();
        for (Workload.Row r : rows.subList(from, Math.min(rows.size(), from + 100_000))) {
          csv.append(quote(MessageIdFormat.BASE62.encode(r.msgidHex())))
              .append(',')
              .append(quote(r.sender()))
              .append(',')
              .append(quote(r.topic()))
              .append(',')
              .append(r.qos())
              .append(",0,")
              .append(quote(r.payload()))
              .append(',')
              .append(CSV_TIME.format(JdbcBinder.utc(r.arrivedMs())))
              .append('\n');
        }
        copy.copyIn(
            "COPY mqtt_msg (msgid, sender, topic, qos, retain, payload, arrived) FROM STDIN WITH (FORMAT csv)",
            new StringReader(csv.toString()));
      }
    }
    return rate(rows.size(), start);
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() {}
}
