package io.mqttpersistence.connect.jdbc.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
public abstract class SqlTestDatabase implements AutoCloseable {
  private final String server;
  private final String name;

  protected SqlTestDatabase(String server) {
    this.server = server;
    this.name =
        "mqttp_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
  }

  public String server() {
    return server;
  }

  public String name() {
    return name;
  }

  /** The user the connector should log in as. */
  public abstract String user();

  public abstract Connection connect() throws SQLException;

  /** Drops the database; never fails, since a database left behind is harmless. */
  @Override
  public abstract void close();

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
