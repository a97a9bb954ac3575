package io.mqttpersistence.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The demo's SQL database: where it is, how to log in, and the sample subscription row in its
 * dialect.
 */
record SqlDemoTarget(
    String prefix,
    String urlScheme,
    String user,
    String urlOptions,
    String server,
    String adminDatabase,
    String sampleSubscription)
    implements DemoTarget {

  @Override
  public void prepare() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                urlScheme + server + "/" + adminDatabase + urlOptions, user, "");
        Statement s = c.createStatement()) {
      // A fresh database each run, so what is printed is this run's.
      s.execute(
          "DROP DATABASE IF EXISTS " + DATABASE + (prefix.equals("pgsql") ? " WITH (FORCE)" : ""));
      s.execute(
          "CREATE DATABASE " + DATABASE + (prefix.equals("mysql") ? " CHARACTER SET utf8mb4" : ""));
    }
  }

  @Override
  public Map<String, String> connection() {
    return Map.of(prefix + ".server", server, prefix + ".database", DATABASE);
  }

  @Override
  public boolean ready() {
    return count("SELECT count(*) FROM mqtt_ack_pending") >= 0;
  }

  @Override
  public void addSampleSubscription() throws SQLException {
    execute(sampleSubscription);
  }

  @Override
  public boolean endMarkerStored() {
    return count("SELECT count(*) FROM mqtt_msg WHERE topic = 'demo/end'") == 1;
  }

  @Override
  public void printStored() throws SQLException {
    for (String table :
        new String[] {"mqtt_client", "mqtt_sub", "mqtt_msg", "mqtt_retain", "mqtt_acked"}) {
      printTable(table);
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(urlScheme + server + "/" + DATABASE + urlOptions, user, "");
  }

  long count(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      return -1;
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  void printTable(String table) throws SQLException {
    Demo.say(table + ":");
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      int n = rs.getMetaData().getColumnCount();
      StringBuilder header = new StringBuilder("  ");
      for (int i = 1; i <= n; i++) {
        header.append(rs.getMetaData().getColumnLabel(i)).append(i < n ? " | " : "");
      }
      System.out.println(header);
      while (rs.next()) {
        StringBuilder row = new StringBuilder("  ");
        for (int i = 1; i <= n; i++) {
          row.append(rs.getString(i)).append(i < n ? " | " : "");
        }
        System.out.println(row);
      }
    }
  }
}
