package io.mqttpersistence.connect.common.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One in-process Kafka broker and Connect worker for a test class, driven through Connect's REST
 * API.
 */
public final class ConnectHarness implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final EmbeddedConnectCluster cluster;

  /** One test's topics: broker events in, lookup replies out, and a dead-letter queue. */
  public record Topics(String events, String replies, String dlq) {}

  private ConnectHarness(EmbeddedConnectCluster cluster) {
    this.cluster = cluster;
  }

  public static ConnectHarness start() {
    Map<String, String> worker = new HashMap<>();
    worker.put("offset.flush.interval.ms", "1000");
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name("mqtt-persistence-it")
            .numWorkers(1)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    cluster.start();
    return new ConnectHarness(cluster);
  }

  public EmbeddedConnectCluster cluster() {
    return cluster;
  }

  public String bootstrapServers() {
    return cluster.kafka().bootstrapServers();
  }

  /** New events and replies topics (and a DLQ name) for one test, so tests never see each other. */
  public Topics freshTopics(int partitions) {
    int n = SEQ.incrementAndGet();
    Topics t = new Topics("emqx-events-" + n, "emqx-replies-" + n, "emqx-dlq-" + n);
    createTopic(t.events(), partitions);
    createTopic(t.replies(), 1);
    return t;
  }

  /**
   * {@code config-examples/<example>.json} reading {@code topics.events()}, answering lookups on
   * {@code topics.replies()} of this cluster, dead-lettering to {@code topics.dlq()}, one task.
   */
  public Map<String, String> exampleConfig(String example, Topics topics) {
    Map<String, String> cfg = ConfigExamples.config(example);
    cfg.put("name", example + "-it");
    cfg.put("tasks.max", "1");
    cfg.put("topics", topics.events());
    cfg.put("lookup.reply.topic", topics.replies());
    cfg.put("lookup.reply.bootstrap.servers", bootstrapServers());
    cfg.put("errors.deadletterqueue.topic.name", topics.dlq());
    cfg.put("retry.backoff.ms", "500");
    return cfg;
  }

  public void createTopic(String topic, int partitions) {
    cluster.kafka().createTopic(topic, partitions);
  }

  public void produce(String topic, String key, String value) {
    cluster.kafka().produce(topic, key, value);
  }

  public void startConnector(String name, Map<String, String> config) {
    cluster.configureConnector(name, config);
    waitUntil(
        Duration.ofSeconds(60), () -> running(name), "connector " + name + " and its task to run");
  }

  public boolean running(String name) {
    return running(name, -1);
  }

  /** The connector and exactly {@code tasks} tasks run (any number but none when negative). */
  public boolean running(String name, int tasks) {
    try {
      ConnectorStateInfo s = cluster.connectorStatus(name);
      return s.connector().state().equals("RUNNING")
          && (tasks < 0 ? !s.tasks().isEmpty() : s.tasks().size() == tasks)
          && s.tasks().stream().allMatch(t -> t.state().equals("RUNNING"));
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** The first task's state and trace, for assertions on failures. */
  public ConnectorStateInfo.TaskState task(String name) {
    return cluster.connectorStatus(name).tasks().get(0);
  }

  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int atLeast, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    cluster.kafka().consume(atLeast, timeout.toMillis(), topic).forEach(out::add);
    return out;
  }

  /** Validates a config through REST and returns each key's errors. */
  public Map<String, List<String>> validationErrors(
      String connectorClass, Map<String, String> config) {
    ConfigInfos infos = cluster.validateConnectorConfig(connectorClass, config);
    Map<String, List<String>> out = new HashMap<>();
    for (ConfigInfo info : infos.values()) {
      if (!info.configValue().errors().isEmpty()) {
        out.put(info.configValue().name(), info.configValue().errors());
      }
    }
    return out;
  }

  /** A record header as text, e.g. the reason Connect gave a dead-letter record. */
  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * The dead-letter reasons by the original record's offset. A task reports decode errors before
   * write errors of the same batch, so the queue's order is not the input's: tests look up by
   * offset.
   */
  public static SortedMap<Long, String> deadLetterReasons(
      List<ConsumerRecord<byte[], byte[]>> dead) {
    SortedMap<Long, String> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      out.put(
          Long.parseLong(header(r, "__connect.errors.offset")),
          header(r, "__connect.errors.exception.message"));
    }
    return out;
  }

  public static void waitUntil(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }

  @Override
  public void close() {
    cluster.stop();
  }
}
