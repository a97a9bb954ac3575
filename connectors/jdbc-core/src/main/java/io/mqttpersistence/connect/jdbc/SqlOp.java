package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.batch.Op;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What SQL actions produce: batchable writes, and queries that run alone and may answer a client.
 */
public sealed interface SqlOp extends Op {

  /**
   * One execution of a statement with its bound values; writes of one statement share a round trip.
   */
  // Bind values are built for one execution and never compared.
  @SuppressWarnings("ArrayRecordComponent")
  record Write(SqlStatement statement, Object[] params, Object rowKey) implements SqlOp {
    public static Write of(SqlStatement statement, Object... params) {
      return new Write(statement, params, null);
    }

    @Override
    public Object batchKey() {
      return statement;
    }

    @Override
    public Set<String> resources() {
      return statement.tables();
    }
  }

  /**
   * A step that reads (and possibly writes) and runs on its own, in order, inside the batch's
   * transaction.
   */
  non-sealed interface Query extends SqlOp {
    Optional<LookupReply> run(Connection connection) throws SQLException;

    @Override
    default Object batchKey() {
      return null;
    }
  }
}
