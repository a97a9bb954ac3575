package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The two SQL databases' shared baseline patterns; each says how to connect, the statement text,
 * how to bind a timestamp and its fastest loader.
 */
abstract class SqlTarget implements Target {
  static final String DATABASE = "mqttp_bench";
  static final String INSERT =
      "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  abstract Connection connect() throws SQLException;

  abstract void createSchema(Connection c) throws SQLException;

  abstract Object timestamp(long epochMs);

  @Override
  public void reset() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      createSchema(c);
      for (String table :
          List.of(
              "mqtt_msg",
              "mqtt_client",
              "mqtt_sub",
              "mqtt_retain",
              "mqtt_acked",
              "mqtt_ack_pending")) {
        s.execute("TRUNCATE TABLE " + table);
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  @Override
  public long storedMessages() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM mqtt_msg")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void bind(PreparedStatement ps, Workload.Row r, int at) throws SQLException {
    ps.setString(at, MessageIdFormat.BASE62.encode(r.msgidHex()));
    ps.setString(at + 1, r.sender());
    ps.setString(at + 2, r.topic());
    ps.setInt(at + 3, r.qos());
    ps.setInt(at + 4, 0);
    ps.setString(at + 5, r.payload());
    ps.setObject(at + 6, timestamp(r.arrivedMs()));
  }

  @Override
  public double emqx4(List<Workload.Row> rows) throws Exception {
    reset();
    long start = System.nanoTime();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      c.setAutoCommit(true);
      for (Workload.Row r : rows) {
        bind(ps, r, 1);
        ps.executeUpdate();
      }
    }
    return rate(rows.size(), start);
  }

  @Override
  public double emqx5(List<Workload.Row> rows) throws Exception {
    reset();
    long start = System.nanoTime();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      c.setAutoCommit(false);
      for (int i = 0; i < rows.size(); i++) {
        bind(ps, rows.get(i), 1);
        ps.addBatch();
        if (i % 100 == 99 || i == rows.size() - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
    }
    return rate(rows.size(), start);
  }

  /** Multi-row INSERTs of {@code perStatement} rows, one transaction per 10,000. */
  double multiRowInserts(List<Workload.Row> rows, int perStatement) throws Exception {
    reset();
    StringBuilder sql = new StringBuilder(INSERT.substring(0, INSERT.indexOf("VALUES") + 7));
    for (int i = 0; i < perStatement; i++) {
      sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?)");
    }
    long start = System.nanoTime();
    try (Connection c = connect();
        PreparedStatement full = c.prepareStatement(sql.toString());
        PreparedStatement one = c.prepareStatement(INSERT)) {
      c.setAutoCommit(false);
      int i = 0;
      for (; i + perStatement <= rows.size(); i += perStatement) {
        for (int j = 0; j < perStatement; j++) {
          bind(full, rows.get(i + j), j * 7 + 1);
        }
        full.executeUpdate();
        if ((i / perStatement + 1) % Math.max(1, 10_000 / perStatement) == 0) {
          c.commit();
        }
      }
      for (; i < rows.size(); i++) {
        bind(one, rows.get(i), 1);
        one.executeUpdate();
      }
      c.commit();
    }
    return rate(rows.size(), start);
  }

  static double rate(int events, long startNanos) {
    return events / ((System.nanoTime() - startNanos) / 1e9);
  }

  static Connection open(String url, Properties p) throws SQLException {
    return DriverManager.getConnection(url, p);
  }
}
