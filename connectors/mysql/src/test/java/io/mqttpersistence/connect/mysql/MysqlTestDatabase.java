package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throw-away database on a real MySQL or MariaDB server ({@code -Dit.mysql.server}, default
 * 127.0.0.1:3306, user {@code -Dit.mysql.user}, default root without a password).
 */
final class MysqlTestDatabase extends SqlTestDatabase {
  static final String SERVER = System.getProperty("it.mysql.server", "127.0.0.1:3306");
  static final String USER = System.getProperty("it.mysql.user", "root");
  static final String PASSWORD = System.getProperty("it.mysql.password", "");

  /** Reads tinyint(1) as a number, as the connector does, not as a boolean. */
  private static final String OPTIONS =
      "?tinyInt1isBit=false&connectionTimeZone=UTC"
          + "&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true";

  private MysqlTestDatabase(String server) {
    super(server);
  }

  static MysqlTestDatabase create(String server) {
    MysqlTestDatabase db = new MysqlTestDatabase(server);
    db.admin("CREATE DATABASE " + db.name() + " CHARACTER SET utf8mb4");
    return db;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mysql://" + server() + "/" + name() + OPTIONS, USER, PASSWORD);
  }

  private void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:mysql://" + server() + "/" + OPTIONS, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + server(), e);
    }
  }

  @Override
  public void close() {
    try {
      admin("DROP DATABASE IF EXISTS " + name());
    } catch (IllegalStateException e) {
      // A database left behind is harmless; the server may be gone already.
    }
  }
}
