package io.mqttpersistence.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The local demo: a Kafka broker and a Connect worker with a plugin installed from its zip, a
 * database, EMQX's default hooks registered through REST, a sample stream of broker events, and
 * what landed in each table. {@code -Ddemo.db=pgsql} (default: an embedded PostgreSQL, or {@code
 * -Ddemo.pgsql.server=host:port}), {@code -Ddemo.db=mysql} (a MySQL or MariaDB server at {@code
 * -Ddemo.mysql.server}, default 127.0.0.1:3306, user root without a password) or {@code
 * -Ddemo.db=redis} (a Redis server at {@code -Ddemo.redis.server}, default 127.0.0.1:6379) or
 * {@code -Ddemo.db=mongo} (the MongoDB at {@code -Ddemo.mongo.uri}, default an in-JVM
 * MongoDB-compatible server), {@code -Ddemo.db=cassandra} (the cluster at {@code
 * -Ddemo.cassandra.nodes}, default a Cassandra started from the cassandra-all artifact).
 */
public final class Demo {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Deque<AutoCloseable> RUNNING = new ArrayDeque<>();
  private static final long T0 = System.currentTimeMillis() - 60_000;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(Demo::stopAll, "demo-shutdown"));
    try {
      run(Path.of(System.getProperty("demo.root", ".")).toAbsolutePath().normalize());
    } finally {
      stopAll();
    }
  }

  private static void run(Path root) throws Exception {
    String db = System.getProperty("demo.db", "pgsql");
    DemoTarget target =
        switch (db) {
          case "pgsql" -> postgres(System.getProperty("demo.pgsql.server", ""));
          case "mysql" ->
              new SqlDemoTarget(
                  "mysql",
                  "jdbc:mysql://",
                  "root",
                  "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true",
                  orDefault(System.getProperty("demo.mysql.server", ""), "127.0.0.1:3306"),
                  "",
                  "INSERT IGNORE INTO mqtt_sub(clientid, topic, qos) VALUES ('dashboard', 'sensors/+/temp', 1)");
          case "redis" ->
              new RedisDemoTarget(
                  orDefault(System.getProperty("demo.redis.server", ""), "127.0.0.1:6379"));
          case "mongo" -> mongo(System.getProperty("demo.mongo.uri", ""));
          case "cassandra" -> cassandra(System.getProperty("demo.cassandra.nodes", ""));
          default ->
              throw new IllegalArgumentException(
                  "demo.db must be pgsql, mysql, redis, mongo or cassandra, not " + db);
        };
    Path plugins = install(root, db);
    target.prepare();

    say("Starting a Kafka broker and a Connect worker (plugin.path=" + plugins + ")");
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.path", plugins.toString());
    worker.put("offset.flush.interval.ms", "1000");
    EmbeddedConnectCluster connect =
        new EmbeddedConnectCluster.Builder()
            .name("mqtt-persistence-demo")
            .numWorkers(1)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    connect.start();
    RUNNING.push(connect::stop);
    connect.kafka().createTopic("emqx_events", 1);
    connect.kafka().createTopic("emqx_lookup_replies", 1);

    String name = "mqtt-" + db;
    Map<String, String> config = exampleConfig(root, db);
    config.put("tasks.max", "1");
    config.putAll(target.connection());
    config.put("lookup.reply.bootstrap.servers", connect.kafka().bootstrapServers());
    say(
        "PUT /connectors/"
            + name
            + "/config with config-examples/"
            + db
            + ".json (EMQX's default hooks)");
    connect.configureConnector(name, config);
    waitFor(() -> target.ready() && running(connect, name), "the connector to run");
    target.addSampleSubscription();

    say("Producing sample broker events (EMQX 5 rule-engine JSON) to topic emqx_events");
    int n = produceSampleStream(connect);
    waitFor(target::endMarkerStored, "all " + n + " events to be processed");
    target.printStored();
    say("Lookup replies on emqx_lookup_replies (what a broker-side consumer would deliver):");
    for (ConsumerRecord<byte[], byte[]> r :
        connect.kafka().consume(3, 30_000, "emqx_lookup_replies")) {
      System.out.println(
          "  key="
              + new String(r.key(), StandardCharsets.UTF_8)
              + " value="
              + new String(r.value(), StandardCharsets.UTF_8));
    }
    say("Done. Everything started here is being stopped.");
  }

  private static SqlDemoTarget postgres(String given) throws IOException {
    String server = given;
    if (given.isBlank()) {
      say("Starting an embedded PostgreSQL");
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      RUNNING.push(pg);
      server = "127.0.0.1:" + pg.getPort();
    }
    return new SqlDemoTarget(
        "pgsql",
        "jdbc:postgresql://",
        "postgres",
        "",
        server,
        "postgres",
        "INSERT INTO mqtt_sub(clientid, topic, qos) VALUES ('dashboard', 'sensors/+/temp', 1) ON CONFLICT DO NOTHING");
  }

  private static MongoDemoTarget mongo(String given) {
    if (given.isBlank()) {
      say("Starting an in-JVM MongoDB-compatible server (mongo-java-server)");
    }
    MongoDemoTarget target = MongoDemoTarget.start(given);
    RUNNING.push(target);
    return target;
  }

  private static CassandraDemoTarget cassandra(String given) {
    String nodes = given;
    if (given.isBlank()) {
      say("Starting a Cassandra 5.0 (cassandra-all) in a child JVM; this takes about 15 s");
      nodes = LocalCassandra.shared().contactPoint();
    }
    CassandraDemoTarget target = new CassandraDemoTarget(nodes);
    RUNNING.push(target);
    return target;
  }

  private static String orDefault(String value, String fallback) {
    return value.isBlank() ? fallback : value;
  }

  private static int produceSampleStream(EmbeddedConnectCluster connect) {
    String[] events = {
      event("client.connected", "sensor-1", 0, Map.of("connected_at", T0)),
      event("client.connected", "dashboard", 1, Map.of("connected_at", T0 + 1)),
      event("session.subscribed", "dashboard", 2, Map.of("topic", "sensors/1/temp", "qos", 1)),
      publish("sensor-1", 1, "sensors/1/temp", 1, false, "{\"celsius\": 21.5}", 10),
      publish("sensor-1", 2, "sensors/1/temp", 1, false, "{\"celsius\": 21.7}", 11),
      publish("sensor-1", 2, "sensors/1/temp", 1, false, "{\"celsius\": 21.7}", 11),
      publish("sensor-1", 3, "sensors/1/temp", 0, false, "{\"celsius\": 21.8}", 12),
      publish("sensor-1", 4, "sensors/1/status", 1, true, "online", 13),
      event(
          "message.acked",
          "dashboard",
          20,
          Map.of("id", id(1), "from_clientid", "sensor-1", "topic", "sensors/1/temp", "qos", 1)),
      event(
          "client.disconnected",
          "dashboard",
          30,
          Map.of("connected_at", T0 + 1, "reason", "normal")),
      publish("sensor-1", 5, "sensors/1/temp", 1, false, "{\"celsius\": 22.0}", 40),
      event("client.connected", "dashboard", 50, Map.of("connected_at", T0 + 50)),
      event("session.subscribed", "dashboard", 51, Map.of("topic", "sensors/1/temp", "qos", 1)),
      event("session.subscribed", "dashboard", 52, Map.of("topic", "sensors/1/status", "qos", 0)),
      publish("sensor-1", 6, "demo/end", 1, false, "end", 60),
    };
    for (String e : events) {
      String clientid = parse(e).get("clientid").asText();
      connect.kafka().produce("emqx_events", clientid, e);
    }
    return events.length;
  }

  private static String publish(
      String clientid, int seq, String topic, int qos, boolean retain, String payload, long dt) {
    return event(
        "message.publish",
        clientid,
        dt,
        Map.of(
            "id",
            id(seq),
            "topic",
            topic,
            "qos",
            qos,
            "payload",
            payload,
            "flags",
            Map.of("retain", retain, "dup", false),
            "publish_received_at",
            T0 + dt));
  }

  private static String event(String name, String clientid, long dt, Map<String, Object> fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", name);
    e.put("clientid", clientid);
    e.put("username", "undefined");
    e.put("node", "emqx@127.0.0.1");
    e.put("timestamp", T0 + dt);
    e.putAll(fields);
    if (name.equals("client.disconnected")) {
      e.put("disconnected_at", T0 + dt);
    }
    try {
      return JSON.writeValueAsString(e);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A GUID as the broker mints them: its microsecond clock first, so later messages have larger
   * ids.
   */
  private static String id(int seq) {
    return String.format("%016X%08X%08X", (T0 + seq * 10L) * 1000, 0xF4450000L, seq);
  }

  /** Unzips the plugin the build produced into a fresh plugin.path, as a user would install it. */
  private static Path install(Path root, String db) throws IOException {
    Path target = root.resolve("connectors/" + db + "/target");
    Path zip;
    try (Stream<Path> files = Files.list(target)) {
      zip =
          files
              .filter(
                  p -> p.getFileName().toString().matches("mqttpersistence-" + db + "-.*\\.zip"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no plugin zip in "
                              + target
                              + "; run the demo command from the README, which builds it first"));
    }
    Path plugins = Files.createTempDirectory("mqtt-persistence-plugins");
    RUNNING.push(() -> deleteTree(plugins));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path out = plugins.resolve(e.getName()).normalize();
        if (!out.startsWith(plugins)) {
          throw new IOException("zip entry outside the plugin folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out);
        }
      }
    }
    say("Installed " + zip.getFileName() + " into " + plugins);
    return plugins;
  }

  private static Map<String, String> exampleConfig(Path root, String db) throws IOException {
    JsonNode example =
        JSON.readTree(Files.readString(root.resolve("config-examples/" + db + ".json")));
    Map<String, String> cfg = new LinkedHashMap<>();
    example.get("config").properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
    return cfg;
  }

  private static boolean running(EmbeddedConnectCluster connect, String name) {
    try {
      var s = connect.connectorStatus(name);
      return s.tasks().stream().anyMatch(t -> t.state().equals("RUNNING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  static void say(String line) {
    System.out.println("\n== " + line);
  }

  private static synchronized void stopAll() {
    while (!RUNNING.isEmpty()) {
      try {
        RUNNING.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
