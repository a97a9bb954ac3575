package io.mqttpersistence.connect.jdbc.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throw-away database on a real server, read back with values normalised across drivers: whole
 * numbers as {@code Long}, timestamps as {@code LocalDateTime}, binary as UTF-8 text.
 */
public final class SqlTestDatabase implements AutoCloseable {
  /**
   * How to reach one kind of server as an administrator.
   *
   * @param jdbcScheme e.g. {@code jdbc:postgresql://}
   * @param adminDatabase the database to connect to for CREATE/DROP DATABASE ("" for none)
   * @param options appended to every URL, e.g. {@code ?sslMode=DISABLED}
   * @param createSuffix appended to CREATE DATABASE
   * @param dropSuffix appended to DROP DATABASE IF EXISTS
   */
  public record ServerKind(
      String jdbcScheme,
      String adminDatabase,
      String options,
      String user,
      String password,
      String createSuffix,
      String dropSuffix) {}

  private final ServerKind kind;
  private final String server;
  private final String name;

  private SqlTestDatabase(ServerKind kind, String server) {
    this.kind = kind;
    this.server = server;
    this.name =
        "mqttp_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
  }

  /** Creates a database of a random name on {@code server}. */
  public static SqlTestDatabase create(ServerKind kind, String server) {
    SqlTestDatabase db = new SqlTestDatabase(kind, server);
    db.admin("CREATE DATABASE " + db.name + kind.createSuffix());
    return db;
  }

  public String server() {
    return server;
  }

  public String name() {
    return name;
  }

  /** The user the connector should log in as. */
  public String user() {
    return kind.user();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        kind.jdbcScheme() + server + "/" + name + kind.options(), kind.user(), kind.password());
  }

  private void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                kind.jdbcScheme() + server + "/" + kind.adminDatabase() + kind.options(),
                kind.user(),
                kind.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + server, e);
    }
  }

  /** Drops the database; never fails, since a database left behind is harmless. */
  @Override
  public void close() {
    try {
      admin("DROP DATABASE IF EXISTS " + name + kind.dropSuffix());
    } catch (IllegalStateException e) {
      // The server may be gone already.
    }
  }

  public List<Map<String, Object>> query(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), normalise(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static Object normalise(Object v) {
    if (v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      return ((Number) v).longValue();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return v;
  }

  public long count(String sql) {
    Object v = query(sql).get(0).values().iterator().next();
    return ((Number) v).longValue();
  }

  /** Whether a table exists yet (the task creates the schema when it starts). */
  public boolean hasTable(String table) {
    try (Connection c = connect();
        ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  public void execute(String... sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", sql), e);
    }
  }
}
