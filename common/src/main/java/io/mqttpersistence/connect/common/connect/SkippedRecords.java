package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.event.Skipped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the valid records a task does not store: events no hook handles, event names EMQX does not
 * write, and events no hook's topic filter matches. Each is logged at DEBUG; a summary of what was
 * skipped goes to INFO at most once a minute, so a {@code $events/#} rule does not flood the log.
 */
final class SkippedRecords {
  private static final Logger log = LoggerFactory.getLogger(SkippedRecords.class);
  static final long SUMMARY_INTERVAL_NANOS = 60_000_000_000L;

  /**
   * Event names kept apart in a summary; the rest are counted together (input can name anything).
   */
  private static final int MAX_NAMES = 32;

  private final Map<Skipped.Reason, Long> total = new EnumMap<>(Skipped.Reason.class);
  private final Map<Skipped.Reason, Map<String, Long>> sinceSummary =
      new EnumMap<>(Skipped.Reason.class);
  private long lastSummary = System.nanoTime();

  void skipped(SinkRecord record, Skipped skip) {
    total.merge(skip.reason(), 1L, Long::sum);
    Map<String, Long> names =
        sinceSummary.computeIfAbsent(skip.reason(), r -> new LinkedHashMap<>());
    String name =
        names.size() < MAX_NAMES || names.containsKey(skip.event()) ? skip.event() : "other";
    names.merge(name, 1L, Long::sum);
    if (log.isDebugEnabled()) {
      log.debug(
          "Skipping the record at topic {}, partition {}, offset {}: {} '{}'",
          record.originalTopic(),
          record.originalKafkaPartition(),
          record.originalKafkaOffset(),
          skip.reason().label(),
          skip.event());
    }
  }

  /** Logs what was skipped since the last summary, if anything was and a minute has passed. */
  void summarizeIfDue() {
    long now = System.nanoTime();
    if (sinceSummary.isEmpty() || now - lastSummary < SUMMARY_INTERVAL_NANOS) {
      return;
    }
    lastSummary = now;
    String summary =
        sinceSummary.entrySet().stream()
            .map(
                e ->
                    e.getValue().values().stream().mapToLong(Long::longValue).sum()
                        + " "
                        + e.getKey().label()
                        + " ("
                        + e.getValue().entrySet().stream()
                            .map(n -> n.getKey() + " " + n.getValue())
                            .collect(Collectors.joining(", "))
                        + ")")
            .collect(Collectors.joining(", "));
    sinceSummary.clear();
    log.info("Skipped records no hook stores, in the last minute: {}", summary);
  }

  /** How many records were skipped for each reason since the task started. */
  Map<Skipped.Reason, Long> counts() {
    return Map.copyOf(total);
  }
}
