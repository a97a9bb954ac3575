package io.mqttpersistence.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * In-process task throughput: the connector's real SinkTask, started with the same config as
 * through Connect, given batches of {@code bench.batch} SinkRecords (default 500, Connect's
 * max.poll.records) against the real database, with no Kafka in the way.
 */
final class InProcess {
  private InProcess() {}

  /** Events per second. */
  static double eventsPerSecond(
      Target target, Map<String, String> props, List<Workload.Event> events) throws Exception {
    target.reset();
    Map<String, String> config = new HashMap<>(props);
    config.put("topics", "emqx_events");
    SinkTask task = target.newTask();
    task.initialize(new StubTaskContext(config));
    task.start(config);
    try {
      List<List<SinkRecord>> batches = new ArrayList<>();
      List<SinkRecord> batch = new ArrayList<>(Bench.BATCH);
      long offset = 0;
      for (Workload.Event e : events) {
        batch.add(
            new SinkRecord(
                "emqx_events",
                (int) (offset % 8),
                Schema.STRING_SCHEMA,
                e.key(),
                Schema.STRING_SCHEMA,
                e.json(),
                offset++));
        if (batch.size() == Bench.BATCH) {
          batches.add(batch);
          batch = new ArrayList<>(Bench.BATCH);
        }
      }
      if (!batch.isEmpty()) {
        batches.add(batch);
      }
      long start = System.nanoTime();
      for (List<SinkRecord> b : batches) {
        task.put(b);
      }
      return SqlTarget.rate(events.size(), start);
    } finally {
      task.stop();
    }
  }
}
