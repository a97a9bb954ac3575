package io.mqttpersistence.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import redis.clients.jedis.Jedis;

/**
 * The local demo: a Kafka broker and a Connect worker with a plugin installed from its zip, a database,
 * EMQX's default hooks registered through REST, a sample stream of broker events, and what landed in
 * each table. {@code -Ddemo.db=pgsql} (default: an embedded PostgreSQL, or
 * {@code -Ddemo.pgsql.server=host:port}), {@code -Ddemo.db=mysql} (a MySQL or MariaDB server at
 * {@code -Ddemo.mysql.server}, default 127.0.0.1:3306, user root without a password) or
 * {@code -Ddemo.db=redis} (a Redis server at {@code -Ddemo.redis.server}, default 127.0.0.1:6379).
 */
public final class Demo {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Deque<AutoCloseable> RUNNING = new ArrayDeque<>();
  private static final long T0 = System.currentTimeMillis() - 60_000;
  private static final String DATABASE = "mqtt_demo";

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
    Target target = switch (db) {
      case "pgsql" -> postgres(System.getProperty("demo.pgsql.server", ""));
      case "mysql" -> new Database("mysql", "jdbc:mysql://", "root",
          "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true",
          orDefault(System.getProperty("demo.mysql.server", ""), "127.0.0.1:3306"), "",
          "INSERT IGNORE INTO mqtt_sub(clientid, topic, qos) VALUES ('dashboard', 'sensors/+/temp', 1)");
      case "redis" -> new RedisTarget(orDefault(System.getProperty("demo.redis.server", ""), "127.0.0.1:6379"));
      default -> throw new IllegalArgumentException("demo.db must be pgsql, mysql or redis, not " + db);
    };
    Path plugins = install(root, db);
    target.prepare();

    say("Starting a Kafka broker and a Connect worker (plugin.path=" + plugins + ")");
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.path", plugins.toString());
    worker.put("offset.flush.interval.ms", "1000");
    EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
        .name("mqtt-persistence-demo").numWorkers(1).numBrokers(1).workerProps(worker).build();
    connect.start();
    RUNNING.push(connect::stop);
    connect.kafka().createTopic("emqx_events", 1);
    connect.kafka().createTopic("emqx_lookup_replies", 1);

    String name = "mqtt-" + db;
    Map<String, String> config = exampleConfig(root, db);
    config.put("tasks.max", "1");
    config.putAll(target.connection());
    config.put("lookup.reply.bootstrap.servers", connect.kafka().bootstrapServers());
    say("PUT /connectors/" + name + "/config with config-examples/" + db + ".json (EMQX's default hooks)");
    connect.configureConnector(name, config);
    waitFor(() -> target.ready() && running(connect, name), "the connector to run");
    target.addSampleSubscription();

    say("Producing sample broker events (EMQX 5 rule-engine JSON) to topic emqx_events");
    int n = produceSampleStream(connect);
    waitFor(target::endMarkerStored, "all " + n + " events to be processed");
    target.printStored();
    say("Lookup replies on emqx_lookup_replies (what a broker-side consumer would deliver):");
    for (ConsumerRecord<byte[], byte[]> r : connect.kafka().consume(3, 30_000, "emqx_lookup_replies")) {
      System.out.println("  key=" + new String(r.key(), StandardCharsets.UTF_8) + " value="
          + new String(r.value(), StandardCharsets.UTF_8));
    }
    say("Done. Everything started here is being stopped.");
  }

  private static Database postgres(String given) throws IOException {
    String server = given;
    if (given.isBlank()) {
      say("Starting an embedded PostgreSQL");
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      RUNNING.push(pg);
      server = "127.0.0.1:" + pg.getPort();
    }
    return new Database("pgsql", "jdbc:postgresql://", "postgres", "", server, "postgres",
        "INSERT INTO mqtt_sub(clientid, topic, qos) VALUES ('dashboard', 'sensors/+/temp', 1) ON CONFLICT DO NOTHING");
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
        event("message.acked", "dashboard", 20, Map.of("id", id(1), "from_clientid", "sensor-1",
            "topic", "sensors/1/temp", "qos", 1)),
        event("client.disconnected", "dashboard", 30, Map.of("connected_at", T0 + 1, "reason", "normal")),
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

  private static String publish(String clientid, int seq, String topic, int qos, boolean retain, String payload,
      long dt) {
    return event("message.publish", clientid, dt, Map.of("id", id(seq), "topic", topic, "qos", qos,
        "payload", payload, "flags", Map.of("retain", retain, "dup", false), "publish_received_at", T0 + dt));
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

  /** A GUID as the broker mints them: its microsecond clock first, so later messages have larger ids. */
  private static String id(int seq) {
    return String.format("%016X%08X%08X", (T0 + seq * 10L) * 1000, 0xF4450000L, seq);
  }

  /** Unzips the plugin the build produced into a fresh plugin.path, as a user would install it. */
  private static Path install(Path root, String db) throws IOException {
    Path target = root.resolve("connectors/" + db + "/target");
    Path zip;
    try (Stream<Path> files = Files.list(target)) {
      zip = files.filter(p -> p.getFileName().toString().matches("mqttpersistence-" + db + "-.*\\.zip"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no plugin zip in " + target
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
    JsonNode example = JSON.readTree(Files.readString(root.resolve("config-examples/" + db + ".json")));
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

  /** Where the demo stores: made empty first, read back at the end. */
  private interface Target {
    /** Creates or empties the demo's database. */
    void prepare() throws Exception;

    /** The connector keys that point at it. */
    Map<String, String> connection();

    /** Whether the connector has prepared it (schema created). */
    boolean ready();

    /** The dashboard's stored subscription, which on_subscribe_lookup answers with. */
    void addSampleSubscription() throws Exception;

    /** Whether the stream's last message has been stored. */
    boolean endMarkerStored();

    void printStored() throws Exception;
  }

  /** The demo's SQL database: where it is, how to log in, and the sample subscription row in its dialect. */
  private record Database(String prefix, String urlScheme, String user, String urlOptions, String server,
      String adminDatabase, String sampleSubscription) implements Target {

    @Override
    public void prepare() throws SQLException {
      try (Connection c = DriverManager.getConnection(urlScheme + server + "/" + adminDatabase + urlOptions, user, "");
           Statement s = c.createStatement()) {
        // A fresh database each run, so what is printed is this run's.
        s.execute("DROP DATABASE IF EXISTS " + DATABASE + (prefix.equals("pgsql") ? " WITH (FORCE)" : ""));
        s.execute("CREATE DATABASE " + DATABASE + (prefix.equals("mysql") ? " CHARACTER SET utf8mb4" : ""));
      }
    }

    @Override
    public Map<String, String> connection() {
      return Map.of(prefix + ".server", server, prefix + ".database", DATABASE);
    }

    @Override
    public boolean ready() {
      return count("SELECT count(*) FROM mqtt_ack_pending") >= 0;
    }

    @Override
    public void addSampleSubscription() throws SQLException {
      execute(sampleSubscription);
    }

    @Override
    public boolean endMarkerStored() {
      return count("SELECT count(*) FROM mqtt_msg WHERE topic = 'demo/end'") == 1;
    }

    @Override
    public void printStored() throws SQLException {
      for (String table : new String[] {"mqtt_client", "mqtt_sub", "mqtt_msg", "mqtt_retain", "mqtt_acked"}) {
        printTable(table);
      }
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(urlScheme + server + "/" + DATABASE + urlOptions, user, "");
    }

    long count(String sql) {
      try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        return -1;
      }
    }

    void execute(String sql) throws SQLException {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    void printTable(String table) throws SQLException {
      say(table + ":");
      try (Connection c = connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
        int n = rs.getMetaData().getColumnCount();
        StringBuilder header = new StringBuilder("  ");
        for (int i = 1; i <= n; i++) {
          header.append(rs.getMetaData().getColumnLabel(i)).append(i < n ? " | " : "");
        }
        System.out.println(header);
        while (rs.next()) {
          StringBuilder row = new StringBuilder("  ");
          for (int i = 1; i <= n; i++) {
            row.append(rs.getString(i)).append(i < n ? " | " : "");
          }
          System.out.println(row);
        }
      }
    }
  }

  /** The demo's Redis database (number 15), emptied first; what was stored is printed key by key. */
  private record RedisTarget(String server) implements Target {
    private static final int DB = 15;

    private Jedis open() {
      String[] hp = server.split(":");
      Jedis j = new Jedis(hp[0], Integer.parseInt(hp[1]));
      j.select(DB);
      return j;
    }

    @Override
    public void prepare() {
      try (Jedis j = open()) {
        j.flushDB();
      }
    }

    @Override
    public Map<String, String> connection() {
      return Map.of("redis.server", server, "redis.database", Integer.toString(DB));
    }

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void addSampleSubscription() {
      try (Jedis j = open()) {
        j.hset("mqtt:sub:dashboard", "sensors/+/temp", "1");
      }
    }

    @Override
    public boolean endMarkerStored() {
      try (Jedis j = open()) {
        return j.zcard("mqtt:msg:demo/end") == 1;
      }
    }

    @Override
    public void printStored() {
      try (Jedis j = open()) {
        say("Redis database " + DB + ", EMQX's key layout:");
        for (String key : new TreeSet<>(j.keys("*"))) {
          String type = j.type(key);
          Object value = switch (type) {
            case "hash" -> j.hgetAll(key);
            case "zset" -> j.zrangeWithScores(key, 0, -1);
            case "string" -> j.get(key);
            default -> type;
          };
          long ttl = j.pttl(key);
          System.out.println("  " + key + " (" + type + (ttl > 0 ? ", expires in " + ttl / 1000 + " s" : "")
              + ") = " + value);
        }
      }
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

  private static void say(String line) {
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
