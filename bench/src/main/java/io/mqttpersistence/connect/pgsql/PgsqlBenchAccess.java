package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.jdbc.JdbcEventStore;
import io.mqttpersistence.connect.jdbc.JdbcExecutor;
import io.mqttpersistence.connect.jdbc.SqlAction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the benchmark needs from inside the PostgreSQL connector (same package, benchmark only). */
public final class PgsqlBenchAccess {
  private PgsqlBenchAccess() {}

  public static SinkDefinition<SqlAction, PgsqlSinkConfig> definition() {
    return PgsqlSinkConnector.DEFINITION;
  }

  /** The connector's store over any data source, e.g. one that performs no I/O. */
  public static EventStore<SqlAction> store(DataSource dataSource) {
    return new JdbcEventStore(
        new JdbcExecutor(dataSource, PgsqlDialect.INSTANCE.errors()),
        PgsqlDialect.INSTANCE,
        () -> {});
  }

  public static void createSchema(Connection c) throws SQLException {
    PgsqlSchema.create(c);
  }
}
