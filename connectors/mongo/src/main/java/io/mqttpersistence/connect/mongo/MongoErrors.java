package io.mqttpersistence.connect.mongo;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.Set;

/**
 * Which MongoDB failures are worth a retry: lost connections, timeouts, a primary stepping down or
 * not yet elected, write conflicts and whatever the server labels retryable. The rest are blamed on
 * the data (a document too large, a value the server rejects).
 */
final class MongoErrors {
  /**
   * HostUnreachable, HostNotFound, MaxTimeMSExpired, NetworkTimeout, ShutdownInProgress,
   * WriteConflict, PrimarySteppedDown, ExceededTimeLimit, SocketException, NotWritablePrimary,
   * InterruptedAtShutdown, InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk,
   * NotPrimaryOrSecondary, LockBusy, WriteConcernFailed, StaleConfig,
   * FailedToSatisfyReadPreference.
   */
  private static final Set<Integer> TRANSIENT_CODES =
      Set.of(
          6, 7, 50, 89, 91, 112, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 46, 64, 13388,
          133);

  private MongoErrors() {}

  static boolean isTransient(int code) {
    return TRANSIENT_CODES.contains(code);
  }

  static boolean isTransient(MongoException e) {
    return e instanceof MongoSocketException
        || e instanceof MongoTimeoutException
        || e instanceof MongoNotPrimaryException
        || e instanceof MongoNodeIsRecoveringException
        || e instanceof MongoConnectionPoolClearedException
        || e instanceof MongoWriteConcernException
        || e.hasErrorLabel("RetryableWriteError")
        || e.hasErrorLabel(MongoException.RETRYABLE_ERROR_LABEL)
        || e.hasErrorLabel(MongoException.SYSTEM_OVERLOADED_ERROR_LABEL)
        || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
        || isTransient(e.getCode());
  }

  static StoreException classify(String what, MongoException e) {
    return new StoreException(what + ": " + e.getMessage(), e, isTransient(e));
  }
}
