package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.util.concurrent.CompletionException;

/**
 * Which Cassandra failures are worth a retry: no node reachable, timeouts (client or coordinator),
 * too few replicas alive, an overloaded or bootstrapping node, a connection lost or busy. The rest
 * (an invalid query, a value the server rejects, a mutation too large) are blamed on the data.
 */
final class CassandraErrors {
  private CassandraErrors() {}

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  static boolean isTransient(Throwable t) {
    Throwable e = unwrap(t);
    return e instanceof AllNodesFailedException
        || e instanceof DriverTimeoutException
        || e instanceof QueryConsistencyException
        || e instanceof UnavailableException
        || e instanceof OverloadedException
        || e instanceof BootstrappingException
        || e instanceof TruncateException
        || e instanceof ServerError
        || e instanceof ClosedConnectionException
        || e instanceof HeartbeatException
        || e instanceof BusyConnectionException
        || e instanceof RequestThrottlingException;
  }

  /** The reason recorded for a record, without bound values. */
  static String reason(Throwable t) {
    Throwable e = unwrap(t);
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
