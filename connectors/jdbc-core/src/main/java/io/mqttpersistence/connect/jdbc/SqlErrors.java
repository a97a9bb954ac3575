package io.mqttpersistence.connect.jdbc;

import io.mqttpersistence.connect.common.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Splits SQL failures into transient ones (worth a retry of the whole batch) and data errors (to be
 * isolated to a record). The SQLSTATE classes are the standard ones; a dialect adds its vendor
 * codes.
 */
public final class SqlErrors {
  /**
   * Connection exception, transaction rollback, insufficient resources, operator intervention,
   * system error.
   */
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

  private final Set<String> transientStates;
  private final Set<Integer> transientVendorCodes;

  public SqlErrors(Set<String> transientStates, Set<Integer> transientVendorCodes) {
    this.transientStates = Set.copyOf(transientStates);
    this.transientVendorCodes = Set.copyOf(transientVendorCodes);
  }

  public StoreException classify(String what, SQLException e) {
    return new StoreException(what + ": " + describe(e), e, isTransient(e));
  }

  boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof java.io.IOException) {
        return true;
      }
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          String state = n.getSQLState();
          if (state != null
              && (transientStates.contains(state)
                  || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))))) {
            return true;
          }
          if (transientVendorCodes.contains(n.getErrorCode()) && n.getErrorCode() != 0) {
            return true;
          }
          if (n.getNextException() == n) {
            break;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * A deadlock or serialization failure (SQLSTATE class 40): the same batch will likely pass at
   * once.
   */
  static boolean isDeadlock(SQLException e) {
    for (SQLException n = e;
        n != null;
        n = n.getNextException() == n ? null : n.getNextException()) {
      if (n.getSQLState() != null && n.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  /** The most specific message of a (batch) failure, with its SQLSTATE. */
  static String describe(SQLException e) {
    SQLException specific = e.getNextException() != null ? e.getNextException() : e;
    String state =
        specific.getSQLState() == null ? "" : " [SQLSTATE " + specific.getSQLState() + "]";
    return specific.getMessage() + state;
  }
}
