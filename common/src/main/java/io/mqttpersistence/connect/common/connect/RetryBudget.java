package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.store.StoreException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Turns transient store failures into Connect retries: the framework redelivers the same batch
 * after {@code retry.backoff.ms}, up to {@code max.retries} times in a row, then the task fails.
 */
final class RetryBudget {
  private final int maxRetries;
  private final long backoffMs;
  private final SinkTaskContext context;
  private int failuresInARow;

  RetryBudget(int maxRetries, long backoffMs, SinkTaskContext context) {
    this.maxRetries = maxRetries;
    this.backoffMs = backoffMs;
    this.context = context;
  }

  RuntimeException onTransientFailure(StoreException e) {
    if (failuresInARow >= maxRetries) {
      return new ConnectException(
          "giving up after " + maxRetries + " retries: " + e.getMessage(), e);
    }
    failuresInARow++;
    context.timeout(backoffMs);
    return new RetriableException(
        "transient failure (retry " + failuresInARow + " of " + maxRetries + "): " + e.getMessage(),
        e);
  }

  void succeeded() {
    failuresInARow = 0;
  }
}
