package io.mqttpersistence.connect.common.connect;

import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record that cannot be stored: with {@code errors.tolerance=all} it goes alone
 * to Connect's dead-letter queue with its reason; otherwise the task fails naming where the record
 * is.
 */
final class BadRecords {
  private static final Logger log = LoggerFactory.getLogger(BadRecords.class);
  private final ErrantRecordReporter reporter;

  /**
   * @param reporter Connect's reporter, or null when errors are not tolerated or the runtime has
   *     none
   */
  BadRecords(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  void report(SinkRecord record, Throwable reason) {
    String where =
        "topic "
            + record.originalTopic()
            + ", partition "
            + record.originalKafkaPartition()
            + ", offset "
            + record.originalKafkaOffset();
    String message = "bad record at " + where + ": " + reasonOf(reason);
    if (reporter == null) {
      throw new ConnectException(
          message
              + " (set errors.tolerance=all and errors.deadletterqueue.topic.name"
              + " to send such records to a dead-letter queue instead)",
          reason);
    }
    log.warn("Sending {} to the dead-letter queue: {}", where, reasonOf(reason));
    // Connect keeps the returned future and waits for it before committing this record's offset,
    // so a dead-letter write that fails fails the task instead of losing the record.
    Future<Void> unused = reporter.report(record, new DataException(message, reason));
  }

  private static String reasonOf(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
