package io.mqttpersistence.connect.common.metrics;

import io.mqttpersistence.connect.common.event.Skipped;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.utils.Time;

/**
 * One task's metrics, registered as JMX MBeans when the task starts and removed when it stops.
 * Built on Kafka's own metrics library, which every Connect worker already has: its JMX reporter
 * names MBeans the way Kafka's sink-task metrics are named, so the JMX exporters users already run
 * for Connect pick ours up unchanged. Three MBean types, all under {@value #DOMAIN}:
 *
 * <ul>
 *   <li>{@value #TASK_GROUP} {@code (connector, task)}: records in, skipped by reason,
 *       dead-lettered, batches and their write time, retries, lookups, replies and the lag;
 *   <li>{@value #HOOK_GROUP} {@code (connector, task, hook, action)}: events each hook's action was
 *       applied to;
 *   <li>{@value #RETRY_GROUP} {@code (connector, task, cause)}: retries by the transient error that
 *       caused them.
 * </ul>
 *
 * Every method is cheap enough for the per-record path: a sensor update is a few field writes.
 */
public final class TaskMetrics implements AutoCloseable {
  public static final String DOMAIN = "io.mqttpersistence.connect";
  public static final String TASK_GROUP = "sink-task-metrics";
  public static final String HOOK_GROUP = "sink-hook-metrics";
  public static final String RETRY_GROUP = "sink-retry-metrics";

  private final Metrics metrics;
  private final Map<String, String> tags;
  private final Sensor received;
  private final Map<Skipped.Reason, Sensor> skipped = new EnumMap<>(Skipped.Reason.class);
  private final Sensor deadLettered;
  private final Sensor batchSize;
  private final Sensor writeTime;
  private final Sensor retries;
  private final Map<String, Sensor> retriesByCause = new ConcurrentHashMap<>();
  private final Sensor lookups;
  private final Sensor replies;
  private final Map<String, Sensor> hooks = new LinkedHashMap<>();
  private final Set<String> lookupHooks;
  private volatile long newestRecordTime = -1;

  /**
   * @param connector the connector's name
   * @param task the task's number within the connector
   * @param hookSpecs every hook of the task's table, one MBean each
   * @param lookupHooks the config keys of the hooks whose actions are lookups
   * @param jmx whether to register MBeans (tests of the task logic need not)
   */
  public TaskMetrics(
      String connector,
      String task,
      List<HookSpec> hookSpecs,
      Set<String> lookupHooks,
      boolean jmx) {
    this.lookupHooks = Set.copyOf(lookupHooks);
    List<MetricsReporter> reporters = new ArrayList<>();
    if (jmx) {
      reporters.add(new JmxReporter());
    }
    Map<String, String> t = new LinkedHashMap<>(); // in this order in every MBean name
    t.put("connector", connector);
    t.put("task", task);
    tags = Collections.unmodifiableMap(t);
    // The library's own metric count takes the config's tags: one MBean per task, never shared.
    metrics =
        new Metrics(
            new MetricConfig().tags(tags), reporters, Time.SYSTEM, new KafkaMetricsContext(DOMAIN));

    received =
        meter(
            "records-received",
            "records the task took from Kafka, whether stored, skipped or bad (a batch Connect redelivers after a retry counts again)");
    for (Skipped.Reason r : Skipped.Reason.values()) {
      skipped.put(
          r, meter("records-skipped-" + r.label(), "valid records not stored: " + describe(r)));
    }
    deadLettered =
        meter("records-dead-lettered", "bad records sent to the dead-letter queue, with a reason");
    batchSize = metrics.sensor("batch-size");
    batchSize.add(
        name("batch-size-avg", "records per write unit (one per put with events)"), new Avg());
    batchSize.add(name("batch-size-max", "the largest write unit's records"), new Max());
    batchSize.add(name("batches-total", "write units that landed"), new CumulativeCount());
    batchSize.add(
        name("records-written-total", "records whose events landed in the database"),
        new CumulativeSum());
    writeTime = metrics.sensor("batch-write-time");
    writeTime.add(
        name("batch-write-time-ms-avg", "time to write one unit, retries within a put included"),
        new Avg());
    writeTime.add(name("batch-write-time-ms-max", "the slowest unit's write time"), new Max());
    writeTime.add(
        name(
            "batch-write-time-ms-total",
            "the sum of all write times (with batches-total, a histogram-friendly count and sum)"),
        new CumulativeSum());
    retries =
        meter(
            "retries",
            "batches handed back to Connect for redelivery after a transient database error");
    lookups = meter("lookups", "lookup actions run (subscription, retained and message lookups)");
    replies = meter("lookup-replies", "reply records published to the lookup reply topic");
    metrics.addMetric(
        name(
            "latest-kafka-time-difference-ms",
            "now minus the timestamp of the newest record the task has taken; NaN before the"
                + " first"),
        (config, now) -> newestRecordTime < 0 ? Double.NaN : (double) (now - newestRecordTime));

    for (HookSpec h : hookSpecs) {
      Map<String, String> hookTags = new LinkedHashMap<>(tags);
      hookTags.put("hook", h.configKey());
      hookTags.put("action", actionOf(h));
      Sensor s = metrics.sensor("hook:" + h.configKey());
      s.add(
          new Meter(
              metrics.metricName(
                  "events-applied-rate",
                  HOOK_GROUP,
                  "events per second this hook's action was applied to",
                  hookTags),
              metrics.metricName(
                  "events-applied-total",
                  HOOK_GROUP,
                  "events this hook's action was applied to and that landed (an action may write"
                      + " nothing for some, as on_message_retain for a message not retained)",
                  hookTags)));
      hooks.put(h.configKey(), s);
    }
  }

  /** The function's name, or the kind of raw statements: sql, cql, commands. */
  static String actionOf(HookSpec h) {
    return h.functionName().orElseGet(() -> ((ActionSpec.Statements) h.action()).kind());
  }

  private static String describe(Skipped.Reason r) {
    return switch (r) {
      case UNHANDLED_EVENT -> "an EMQX event for which no hook is configured";
      case UNKNOWN_EVENT -> "an event name EMQX does not write";
      case NO_HOOK_MATCHED -> "no hook's topic filter matches the event's topic";
    };
  }

  private MetricName name(String metric, String description) {
    return metrics.metricName(metric, TASK_GROUP, description, tags);
  }

  private Sensor meter(String base, String description) {
    Sensor s = metrics.sensor(base);
    s.add(
        new Meter(
            name(base + "-rate", description + ", per second"),
            name(base + "-total", description)));
    return s;
  }

  /** A record arrived; {@code timestamp} is its Kafka timestamp, or null or negative if none. */
  public void received(Long timestamp) {
    received.record();
    if (timestamp != null && timestamp > newestRecordTime) {
      newestRecordTime = timestamp;
    }
  }

  public void skipped(Skipped.Reason reason) {
    skipped.get(reason).record();
  }

  public void deadLettered() {
    deadLettered.record();
  }

  /** A write unit of {@code records} records landed after {@code millis}. */
  public void wrote(int records, double millis) {
    batchSize.record(records);
    writeTime.record(millis);
  }

  /** A hook's action was applied to an event that landed. */
  public void applied(HookSpec hook) {
    Sensor s = hooks.get(hook.configKey());
    if (s != null) {
      s.record();
    }
    if (lookupHooks.contains(hook.configKey())) {
      lookups.record();
    }
  }

  public void repliesPublished(int n) {
    if (n > 0) {
      replies.record(n);
    }
  }

  /** A batch goes back to Connect for redelivery; {@code cause} names the transient error. */
  public void retried(String cause) {
    retries.record();
    retriesByCause
        .computeIfAbsent(
            cause,
            c -> {
              Map<String, String> causeTags = new LinkedHashMap<>(tags);
              causeTags.put("cause", c);
              Sensor s = metrics.sensor("retry:" + c);
              s.add(
                  metrics.metricName(
                      "retries-total",
                      RETRY_GROUP,
                      "redeliveries this transient error caused",
                      causeTags),
                  new CumulativeCount());
              return s;
            })
        .record();
  }

  /** Every metric's name and description, for the README's table. */
  public Map<MetricName, String> describeAll() {
    Map<MetricName, String> out = new LinkedHashMap<>();
    metrics.metrics().keySet().forEach(n -> out.put(n, n.description()));
    return out;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
