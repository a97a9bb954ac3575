package io.mqttpersistence.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The heap check: the whole publish backlog replayed by the connector with 4 tasks in a JVM whose
 * heap is capped (run it with -Xmx512m) and which also holds the Kafka broker. The workload is
 * streamed into the topic, not kept. Passing means the worker needs no more than the cap; the GC
 * time says at what cost. Run: {@code mvn -B -Pbench-heap -DskipTests verify -pl bench}.
 */
public final class HeapCheck {
  private HeapCheck() {}

  public static void main(String[] args) throws Exception {
    String db = System.getProperty("bench.dbs", "pgsql").split(",", -1)[0].trim();
    int events = Integer.getInteger("bench.publish.events", 1_000_000);
    long maxHeapMb = Runtime.getRuntime().maxMemory() / 1048576;
    Map<String, String> worker = new HashMap<>();
    worker.put("offset.flush.interval.ms", "1000");
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name("mqtt-persistence-heap")
            .numWorkers(1)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    cluster.start();
    try (Target target =
        switch (db) {
          case "pgsql" -> new PgsqlTarget();
          case "mysql" -> new MysqlTarget();
          default -> new RedisTarget();
        }) {
      target.reset();
      cluster.kafka().createTopic("heap-publish", EndToEnd.PARTITIONS);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka().bootstrapServers());
      p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        new Workload(Workload.Kind.PUBLISH, 42, System.currentTimeMillis())
            .forEach(
                events,
                e -> {
                  // flush() at close surfaces a failed send; the future adds nothing.
                  Future<RecordMetadata> unused =
                      producer.send(new ProducerRecord<>("heap-publish", e.key(), e.json()));
                });
      }
      Map<String, String> cfg = new HashMap<>(target.connection());
      cfg.put("connector.class", target.connectorClass());
      cfg.put("tasks.max", "4");
      cfg.put("topics", "heap-publish");
      cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
      cfg.put(
          "hook.message.publish.1",
          "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"}}");
      long gcBefore = gcMillis();
      long start = System.currentTimeMillis();
      cluster.configureConnector("heap", cfg);
      Properties ap = new Properties();
      ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka().bootstrapServers());
      try (Admin admin = Admin.create(ap)) {
        long committed = 0;
        while (committed < events) {
          Thread.sleep(200);
          committed = 0;
          for (OffsetAndMetadata o :
              admin
                  .listConsumerGroupOffsets("connect-heap")
                  .partitionsToOffsetAndMetadata()
                  .get()
                  .values()) {
            committed += o.offset();
          }
          if (System.currentTimeMillis() - start > 30 * 60_000L) {
            throw new IllegalStateException(
                "not done in 30 minutes: " + committed + " of " + events);
          }
        }
      }
      long seconds = Math.max(1, (System.currentTimeMillis() - start) / 1000);
      long gc = gcMillis() - gcBefore;
      System.out.printf(
          "[heap] %s: %d events with 4 tasks in a %d MB heap (broker included): %d s, %.0f events/s,"
              + " GC %.1f%% of the time%n",
          db, events, maxHeapMb, seconds, events / (double) seconds, gc / 10.0 / seconds);
      if (target.storedMessages() != events) {
        throw new IllegalStateException("stored " + target.storedMessages() + " of " + events);
      }
    } finally {
      cluster.stop();
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
