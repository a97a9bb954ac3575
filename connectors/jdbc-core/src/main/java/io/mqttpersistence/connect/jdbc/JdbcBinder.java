package io.mqttpersistence.connect.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Binds event values as statement parameters; values never become statement text. */
public final class JdbcBinder {
  private JdbcBinder() {}

  public static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      int index = i + 1;
      if (v == null) {
        ps.setNull(index, Types.NULL);
      } else if (v instanceof String s) {
        ps.setString(index, s);
      } else if (v instanceof Integer n) {
        ps.setInt(index, n);
      } else if (v instanceof Long n) {
        ps.setLong(index, n);
      } else if (v instanceof Boolean b) {
        ps.setBoolean(index, b);
      } else if (v instanceof byte[] b) {
        ps.setBytes(index, b);
      } else {
        ps.setObject(index, v);
      }
    }
  }

  /**
   * Epoch milliseconds as a UTC wall-clock time, for {@code timestamp without time zone} columns.
   */
  public static LocalDateTime utc(long epochMs) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  public static long epochMs(LocalDateTime utc) {
    return utc == null ? 0 : utc.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
