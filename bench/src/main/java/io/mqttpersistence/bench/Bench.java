package io.mqttpersistence.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark: for each database, the connector's overhead, its in-process throughput and its
 * throughput end to end through Kafka Connect, against the same database written by a hand-tuned
 * loader (the limit), EMQX 4's one-statement-per-event pattern and EMQX 5's batches of 100, all in
 * one run. Each figure is the median of {@code bench.runs} runs; a JSON file and RESULTS.md are
 * written.
 */
public final class Bench {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final long SEED = 42;

  /** Records per put: Connect's default max.poll.records unless -Dbench.batch says otherwise. */
  static final int BATCH = Integer.getInteger("bench.batch", 500);

  private Bench() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    List<String> dbs =
        List.of(System.getProperty("bench.dbs", "pgsql,mysql,redis,mongo,cassandra").split(","));
    int runs = Integer.getInteger("bench.runs", 3);
    int publishEvents = Integer.getInteger("bench.publish.events", 1_000_000);
    int mixEvents = Integer.getInteger("bench.mix.events", 200_000);
    Path out = Path.of(System.getProperty("bench.out", "bench"));
    Path root = Path.of(System.getProperty("bench.root", ".")); // holds config-examples/
    long base = System.currentTimeMillis() / 1000 * 1000;

    say("Generating " + publishEvents + " publish events and a mix of " + mixEvents);
    List<Workload.Event> publish =
        new Workload(Workload.Kind.PUBLISH, SEED, base).events(publishEvents);
    List<Workload.Event> mix = new Workload(Workload.Kind.MIX, SEED, base).events(mixEvents);
    List<Workload.Row> rows = publish.stream().map(Workload.Event::row).toList();

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("started", Instant.now().toString());
    report.put("machine", machine());
    report.put(
        "settings",
        Map.of(
            "runs",
            runs,
            "publish_events",
            publishEvents,
            "mix_events",
            mixEvents,
            "partitions",
            EndToEnd.PARTITIONS,
            "batch",
            BATCH,
            "seed",
            SEED));
    Map<String, Object> results = new LinkedHashMap<>();
    report.put("databases", results);
    Path partial = out.resolve("results").resolve("latest-partial.json");
    if (Boolean.getBoolean("bench.resume") && Files.exists(partial)) {
      // Continue an interrupted run: same settings, the databases it finished are kept.
      Map<String, Object> previous = JSON.readValue(Files.readString(partial), Map.class);
      if (!new TreeMap<>((Map<String, Object>) previous.get("settings"))
          .toString()
          .equals(new TreeMap<>((Map<String, Object>) report.get("settings")).toString())) {
        throw new IllegalStateException(
            "bench.resume: the interrupted run had other settings: " + previous.get("settings"));
      }
      report.put("started", previous.get("started"));
      results.putAll((Map<String, Object>) previous.get("databases"));
      say("Resuming; already measured: " + results.keySet());
    }

    Files.createDirectories(out.resolve("results"));
    try (EndToEnd e2e = new EndToEnd()) {
      say("Loading the topics");
      String publishTopic = e2e.load("bench-publish", publish);
      String mixTopic = e2e.load("bench-mix", mix);
      for (String db : dbs) {
        if (results.containsKey(db.trim())) {
          continue;
        }
        try (Target target = target(db.trim())) {
          results.put(
              target.name(),
              measure(target, root, runs, publish, mix, rows, e2e, publishTopic, mixTopic));
          Files.writeString(partial, JSON.writeValueAsString(report));
        }
      }
    }
    report.put("finished", Instant.now().toString());
    Files.createDirectories(out.resolve("results"));
    Path json =
        out.resolve("results")
            .resolve("run-" + Instant.now().toString().replace(':', '-') + ".json");
    Files.writeString(json, JSON.writeValueAsString(report));
    Files.deleteIfExists(partial);
    Path notes = out.resolve("notes.md");
    Files.writeString(
        out.resolve("RESULTS.md"),
        Results.markdown(
            JSON.valueToTree(report),
            "bench/results/" + json.getFileName(),
            Files.exists(notes) ? Files.readString(notes) : ""));
    say("Wrote " + json + " and " + out.resolve("RESULTS.md"));
  }

  private static Target target(String db) throws Exception {
    return switch (db) {
      case "pgsql" -> new PgsqlTarget();
      case "mysql" -> new MysqlTarget();
      case "redis" -> new RedisTarget();
      case "mongo" -> new MongoTarget();
      case "cassandra" -> new CassandraTarget();
      default -> throw new IllegalArgumentException("unknown database " + db);
    };
  }

  private static Map<String, Object> measure(
      Target target,
      Path root,
      int runs,
      List<Workload.Event> publish,
      List<Workload.Event> mix,
      List<Workload.Row> rows,
      EndToEnd e2e,
      String publishTopic,
      String mixTopic)
      throws Exception {
    String versions = target.versions();
    say(target.name() + ": " + versions);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("versions", versions);
    target.reset();
    Map<String, String> publishConfig = new HashMap<>(target.connection());
    publishConfig.put(
        "hook.message.publish.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"}}");
    Map<String, String> mixConfig = new HashMap<>(target.connection());
    mixConfig.putAll(exampleHooks(root, target.name()));
    mixConfig.put("lookup.reply.topic", "emqx_lookup_replies");
    mixConfig.put("lookup.reply.bootstrap.servers", e2e.bootstrapServers());
    publishConfig.put("lookup.reply.bootstrap.servers", e2e.bootstrapServers());

    List<Workload.Event> overheadSample = publish.subList(0, Math.min(publish.size(), 200_000));
    r.put(
        "overhead_publish_us",
        median(runs, () -> Overhead.microsPerEvent(target, publishConfig, overheadSample)));
    r.put("overhead_mix_us", median(runs, () -> Overhead.microsPerEvent(target, mixConfig, mix)));
    say(
        target.name()
            + ": overhead "
            + r.get("overhead_publish_us")
            + " us/event (publish), "
            + r.get("overhead_mix_us")
            + " (mix)");

    List<Workload.Row> emqx4Rows = rows.subList(0, Math.min(rows.size(), 50_000));
    r.put("limit", median(runs, () -> target.limit(rows)));
    r.put("emqx4", median(runs, () -> target.emqx4(emqx4Rows)));
    r.put("emqx5", median(runs, () -> target.emqx5(rows)));
    say(
        target.name()
            + ": limit "
            + r.get("limit")
            + ", EMQX 4 style "
            + r.get("emqx4")
            + ", EMQX 5 style "
            + r.get("emqx5")
            + " events/s");

    r.put(
        "in_process_publish",
        median(runs, () -> InProcess.eventsPerSecond(target, publishConfig, publish)));
    r.put("in_process_mix", median(runs, () -> InProcess.eventsPerSecond(target, mixConfig, mix)));
    say(
        target.name()
            + ": in-process "
            + r.get("in_process_publish")
            + " (publish), "
            + r.get("in_process_mix")
            + " (mix) events/s");

    for (int tasks : new int[] {1, 2, 4}) {
      r.put(
          "e2e_publish_tasks_" + tasks,
          medianResult(runs, () -> e2e.run(target, publishTopic, publishConfig, tasks)));
      long stored = target.storedMessages();
      if (stored != publish.size()) {
        throw new IllegalStateException(
            target.name() + " stored " + stored + " of " + publish.size() + " messages");
      }
      say(
          target.name()
              + ": end to end, "
              + tasks
              + " task(s): "
              + r.get("e2e_publish_tasks_" + tasks));
    }
    r.put("e2e_mix_tasks_4", medianResult(runs, () -> e2e.run(target, mixTopic, mixConfig, 4)));
    say(target.name() + ": end to end mix: " + r.get("e2e_mix_tasks_4"));
    int history = Integer.getInteger("bench.history.rows", 0);
    if (history > 0 && target.hasHistory()) {
      r.put("history_rows", history);
      r.put(
          "e2e_mix_tasks_4_history",
          medianResult(runs, () -> e2e.run(target, mixTopic, mixConfig, 4, history)));
      say(target.name() + ": end to end mix over history: " + r.get("e2e_mix_tasks_4_history"));
    }
    return r;
  }

  private static Map<String, String> exampleHooks(Path root, String db) throws Exception {
    JsonNode example =
        JSON.readTree(Files.readString(root.resolve("config-examples").resolve(db + ".json")));
    Map<String, String> hooks = new HashMap<>();
    example
        .get("config")
        .properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith("hook.")) {
                hooks.put(e.getKey(), e.getValue().asText());
              }
            });
    return hooks;
  }

  private interface Measurement<T> {
    T run() throws Exception;
  }

  private static double median(int runs, Measurement<Double> m) throws Exception {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      values.add(m.run());
    }
    values.sort(Double::compare);
    return round(values.get(values.size() / 2));
  }

  /** The run with the median throughput, whole (its latencies and heap belong to it). */
  private static Map<String, Object> medianResult(int runs, Measurement<EndToEnd.Result> m)
      throws Exception {
    List<EndToEnd.Result> values = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      values.add(m.run());
    }
    values.sort(Comparator.comparingDouble(EndToEnd.Result::eventsPerSecond));
    EndToEnd.Result r = values.get(values.size() / 2);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("events_per_s", round(r.eventsPerSecond()));
    out.put("p50_ms", round(r.p50Ms()));
    out.put("p99_ms", round(r.p99Ms()));
    out.put("heap_growth_mb", Math.round(r.heapGrowthBytes() / 1048576.0));
    out.put(
        "all_runs_events_per_s",
        values.stream().mapToDouble(v -> round(v.eventsPerSecond())).toArray());
    return out;
  }

  private static double round(double v) {
    return v >= 100 ? Math.round(v) : Math.round(v * 100) / 100.0;
  }

  private static Map<String, Object> machine() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory_gib", Math.round(os.getTotalMemorySize() / 1073741824.0));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576);
    return m;
  }

  static void say(String line) {
    System.out.println("[bench] " + line);
  }
}
