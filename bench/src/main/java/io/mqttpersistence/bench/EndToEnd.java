package io.mqttpersistence.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * End to end: an embedded Kafka broker and Connect worker, a topic pre-loaded with the workload,
 * the connector created through REST, and the time until its committed offsets reach the end of the
 * topic.
 */
final class EndToEnd implements AutoCloseable {
  static final int PARTITIONS = 8;

  /** One run's outcome. */
  record Result(double eventsPerSecond, double p50Ms, double p99Ms, long heapGrowthBytes) {}

  /** A pre-loaded topic: per partition, each record's timestamp by offset. */
  @SuppressWarnings("ArrayRecordComponent") // never compared
  private record Loaded(String topic, long[][] timestamps, int events) {}

  private final EmbeddedConnectCluster cluster;
  private final Admin admin;
  private final Map<String, Loaded> topics = new HashMap<>();
  private int runs;

  EndToEnd() {
    Map<String, String> worker = new HashMap<>();
    // Offsets are committed this often; it bounds the latency resolution.
    worker.put("offset.flush.interval.ms", "1000");
    cluster =
        new EmbeddedConnectCluster.Builder()
            .name("mqtt-persistence-bench")
            .numWorkers(1)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    cluster.start();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    admin = Admin.create(p);
    cluster.kafka().createTopic("emqx_lookup_replies", 1);
  }

  String bootstrapServers() {
    return cluster.kafka().bootstrapServers();
  }

  /** Loads the events into a new topic of 8 partitions once; later runs reuse it. */
  String load(String name, List<Workload.Event> events) throws Exception {
    Loaded existing = topics.get(name);
    if (existing != null) {
      return existing.topic();
    }
    cluster.kafka().createTopic(name, PARTITIONS);
    long[][] timestamps = new long[PARTITIONS][];
    int[] counts = new int[PARTITIONS];
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    for (int i = 0; i < PARTITIONS; i++) {
      timestamps[i] = new long[events.size()];
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (Workload.Event e : events) {
        // The callback sees every failure; the future adds nothing.
        Future<RecordMetadata> unused =
            producer.send(
                new ProducerRecord<>(name, e.key(), e.json()),
                (md, ex) -> {
                  if (ex != null) {
                    throw new IllegalStateException(ex);
                  }
                  synchronized (counts) {
                    timestamps[md.partition()][(int) md.offset()] = md.timestamp();
                    counts[md.partition()]++;
                  }
                });
      }
      producer.flush();
    }
    for (int i = 0; i < PARTITIONS; i++) {
      timestamps[i] = Arrays.copyOf(timestamps[i], counts[i]);
    }
    topics.put(name, new Loaded(name, timestamps, events.size()));
    return name;
  }

  /** Creates the connector on the loaded topic and waits until every offset is committed. */
  Result run(Target target, String topic, Map<String, String> connectorConfig, int tasks)
      throws Exception {
    return run(target, topic, connectorConfig, tasks, 0);
  }

  /** The same, over {@code historyRows} messages stored before it starts. */
  Result run(
      Target target, String topic, Map<String, String> connectorConfig, int tasks, int historyRows)
      throws Exception {
    Loaded loaded = topics.get(topic);
    target.reset();
    if (historyRows > 0) {
      target.fillHistory(historyRows);
    }
    runs++;
    String name = "bench-" + target.name() + "-" + runs;
    Map<String, String> cfg = new HashMap<>(connectorConfig);
    cfg.put("connector.class", target.connectorClass());
    cfg.put("tasks.max", Integer.toString(tasks));
    cfg.put("topics", topic);
    cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    cfg.put("lookup.reply.topic", "emqx_lookup_replies");
    cfg.put("lookup.reply.bootstrap.servers", bootstrapServers());
    cfg.put("max.retries", "100");
    cfg.put("consumer.override.max.poll.records", Integer.toString(Bench.BATCH));

    System.gc();
    // What the heap holds after each collection (its live data), over what it held before the
    // run: the benchmark's own workload sits in this heap too, and garbage not yet collected says
    // nothing.
    long baseline = liveHeap();
    AtomicLong heapPeak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                heapPeak.accumulateAndGet(liveHeap(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long[] committed = new long[PARTITIONS];
    List<Double> latencies = new ArrayList<>(loaded.events());
    long start = System.currentTimeMillis();
    cluster.configureConnector(name, cfg);
    long deadline = start + 30 * 60_000L;
    int done = 0;
    while (done < loaded.events()) {
      Thread.sleep(100);
      long now = System.currentTimeMillis();
      if (now > deadline) {
        throw new IllegalStateException(
            name + " did not finish in 30 minutes: " + done + " of " + loaded.events());
      }
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
        int p = e.getKey().partition();
        long upTo = Math.min(e.getValue().offset(), loaded.timestamps()[p].length);
        for (long o = committed[p]; o < upTo; o++) {
          // A backlog record could not be taken before the connector existed: count from then.
          latencies.add((double) (now - Math.max(start, loaded.timestamps()[p][(int) o])));
          done++;
        }
        committed[p] = Math.max(committed[p], upTo);
      }
    }
    long end = System.currentTimeMillis();
    sampler.interrupt();
    cluster.deleteConnector(name);
    latencies.sort(Double::compare);
    return new Result(
        loaded.events() / ((end - start) / 1000.0),
        percentile(latencies, 50),
        percentile(latencies, 99),
        heapPeak.get() - baseline);
  }

  private static long liveHeap() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private static double percentile(List<Double> sorted, int p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  @Override
  public void close() {
    admin.close();
    cluster.stop();
  }
}
