package io.mqttpersistence.connect.common.store;

/**
 * A failed write, classified by the store: transient failures (connection lost, failover, deadlock)
 * are retried with backoff; the others are blamed on the data and isolated record by record.
 */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean transientFailure;

  public StoreException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
