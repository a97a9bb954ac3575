package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.jdbc.JdbcEventStore;
import io.mqttpersistence.connect.jdbc.JdbcExecutor;
import io.mqttpersistence.connect.jdbc.SqlAction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the benchmark needs from inside the MySQL connector (same package, benchmark only). */
public final class MysqlBenchAccess {
  private MysqlBenchAccess() {}

  public static SinkDefinition<SqlAction, MysqlSinkConfig> definition() {
    return MysqlSinkConnector.DEFINITION;
  }

  /** The connector's store over any data source, e.g. one that performs no I/O. */
  public static EventStore<SqlAction> store(DataSource dataSource) {
    return new JdbcEventStore(
        new JdbcExecutor(dataSource, MysqlDialect.INSTANCE.errors()),
        MysqlDialect.INSTANCE,
        () -> {});
  }

  public static void createSchema(Connection c) throws SQLException {
    MysqlSchema.create(c);
  }
}
