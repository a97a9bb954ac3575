package io.mqttpersistence.connect.pgsql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A throw-away database on a real PostgreSQL server ({@code -Dit.pgsql.server}, default 127.0.0.1:5432). */
final class PgsqlTestDatabase implements AutoCloseable {
  static final String SERVER = System.getProperty("it.pgsql.server", "127.0.0.1:5432");
  static final String USER = System.getProperty("it.pgsql.user", "postgres");

  private final String server;
  private final String name;

  private PgsqlTestDatabase(String server, String name) {
    this.server = server;
    this.name = name;
  }

  static PgsqlTestDatabase create() {
    return create(SERVER);
  }

  static PgsqlTestDatabase create(String server) {
    String name = "mqttp_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", USER, "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + server, e);
    }
    return new PgsqlTestDatabase(server, name);
  }

  String server() {
    return server;
  }

  String name() {
    return name;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + server + "/" + name, USER, "");
  }

  List<Map<String, Object>> query(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count(String sql) {
    Object v = query(sql).get(0).values().iterator().next();
    return ((Number) v).longValue();
  }

  /** Whether a table exists yet (the task creates the schema when it starts). */
  boolean hasTable(String table) {
    return count("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") > 0;
  }

  void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", USER, "");
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      // A database left behind is harmless; the server may be gone already.
    }
  }
}
