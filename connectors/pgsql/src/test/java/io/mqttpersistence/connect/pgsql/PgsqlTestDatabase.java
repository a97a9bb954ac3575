package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throw-away database on a real PostgreSQL server ({@code -Dit.pgsql.server}, default
 * 127.0.0.1:5432).
 */
final class PgsqlTestDatabase extends SqlTestDatabase {
  static final String SERVER = System.getProperty("it.pgsql.server", "127.0.0.1:5432");
  static final String USER = System.getProperty("it.pgsql.user", "postgres");

  private PgsqlTestDatabase(String server) {
    super(server);
  }

  static PgsqlTestDatabase create(String server) {
    PgsqlTestDatabase db = new PgsqlTestDatabase(server);
    db.admin("CREATE DATABASE " + db.name());
    return db;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + server() + "/" + name(), USER, "");
  }

  private void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://" + server() + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + server(), e);
    }
  }

  @Override
  public void close() {
    try {
      admin("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
    } catch (IllegalStateException e) {
      // A database left behind is harmless; the server may be gone already.
    }
  }
}
