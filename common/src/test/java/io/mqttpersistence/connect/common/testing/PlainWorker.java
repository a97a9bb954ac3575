package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A Kafka Connect worker as users run it: {@code ConnectDistributed} in a JVM of its own, whose
 * classpath is only a Connect distribution's (the {@code tools/connect-worker} module's list) and
 * whose {@code plugin.path} holds nothing but unpacked plugin zips. Driven through REST like a real
 * cluster; {@link #kill()} is a real SIGKILL.
 */
public final class PlainWorker implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String CLASSPATH_RESOURCE =
      "/io/mqttpersistence/connect/worker/worker.classpath";

  private final Path dir;
  private final Path properties;
  private final Path log;
  private final int port;
  private Process process;

  private PlainWorker(Path dir, Path properties, int port) {
    this.dir = dir;
    this.properties = properties;
    this.log = dir.resolve("worker.log");
    this.port = port;
  }

  /**
   * Starts a worker of the Connect group {@code groupId}: workers started with the same group share
   * connectors and tasks, as a distributed cluster does.
   *
   * @param extra worker properties beyond the defaults (e.g. offset.flush.interval.ms)
   */
  public static PlainWorker start(
      String bootstrapServers, Path pluginPath, String groupId, Map<String, String> extra)
      throws IOException {
    Path dir = Files.createTempDirectory("mqttp-worker");
    int port = LocalServers.freePort();
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("group.id", groupId);
    p.setProperty("config.storage.topic", groupId + "-configs");
    p.setProperty("offset.storage.topic", groupId + "-offsets");
    p.setProperty("status.storage.topic", groupId + "-status");
    p.setProperty("config.storage.replication.factor", "1");
    p.setProperty("offset.storage.replication.factor", "1");
    p.setProperty("status.storage.replication.factor", "1");
    p.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.setProperty("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.setProperty("listeners", "http://127.0.0.1:" + port);
    p.setProperty("plugin.path", pluginPath.toString());
    // Only plugins that declare themselves through ServiceLoader manifests are found, as the
    // strictest worker setting demands.
    p.setProperty("plugin.discovery", "service_load");
    p.setProperty("offset.flush.interval.ms", "1000");
    p.setProperty("scheduled.rebalance.max.delay.ms", "5000");
    extra.forEach(p::setProperty);
    Path props = dir.resolve("worker.properties");
    try (var out = Files.newBufferedWriter(props)) {
      p.store(out, "plain Connect worker for mqtt-persistence tests");
    }
    PlainWorker w = new PlainWorker(dir, props, port);
    w.launch();
    return w;
  }

  /** A worker in a Connect group of its own. */
  public static PlainWorker start(String bootstrapServers, Path pluginPath) throws IOException {
    return start(bootstrapServers, pluginPath, "mqttp-" + UUID.randomUUID(), Map.of());
  }

  /** The plain worker's classpath: connect-runtime and its dependencies only. */
  public static String classpath() {
    try (InputStream in = PlainWorker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE
                + " is missing: add mqtt-persistence-connect-worker as a test dependency");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add("org.apache.kafka.connect.cli.ConnectDistributed");
    cmd.add(properties.toString());
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ConnectHarness.waitUntil(Duration.ofSeconds(90), this::restReady, "the worker's REST API");
  }

  private boolean restReady() {
    if (!process.isAlive()) {
      throw new AssertionError(
          "the worker exited with " + process.exitValue() + "; log:\n" + logText());
    }
    try {
      return get("connectors").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /**
   * Everything the worker logged since it was first started, for checks that secrets never show.
   */
  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the worker names itself in task statuses (worker_id). */
  public String workerId() {
    return "127.0.0.1:" + port;
  }

  /** A PUT of a JSON body, its response raw: for checks on what REST echoes. */
  public HttpResponse<String> put(String resource, Object body) throws IOException {
    return send("PUT", resource, body);
  }

  /** PUT /connectors/{name}/config; returns the response body. */
  public JsonNode putConnector(String name, Map<String, String> config) throws IOException {
    HttpResponse<String> r = send("PUT", "connectors/" + name + "/config", config);
    if (r.statusCode() >= 300) {
      throw new AssertionError("PUT connector " + name + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** PUT /connector-plugins/{class}/config/validate: the errors of each key that has some. */
  public Map<String, List<String>> validate(String connectorClass, Map<String, String> config)
      throws IOException {
    String simple = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
    Map<String, String> body = new LinkedHashMap<>(config);
    body.put("connector.class", connectorClass);
    HttpResponse<String> r = send("PUT", "connector-plugins/" + simple + "/config/validate", body);
    if (r.statusCode() != 200) {
      throw new AssertionError("validate: " + r.statusCode() + " " + r.body());
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (JsonNode c : JSON.readTree(r.body()).get("configs")) {
      JsonNode v = c.get("value");
      if (v.get("errors").size() > 0) {
        List<String> list = new ArrayList<>();
        v.get("errors").forEach(e -> list.add(e.asText()));
        errors.put(v.get("name").asText(), list);
      }
    }
    return errors;
  }

  /** GET on a REST resource, e.g. "connectors/x/status" or "connector-plugins". */
  public JsonNode getJson(String resource) throws IOException {
    HttpResponse<String> r = get(resource);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + resource + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The raw response of a GET, for checks on what REST shows (e.g. masked passwords). */
  public HttpResponse<String> get(String resource) throws IOException {
    return exchange(HttpRequest.newBuilder(URI.create(url() + resource)).GET());
  }

  public HttpResponse<String> post(String resource) throws IOException {
    return exchange(
        HttpRequest.newBuilder(URI.create(url() + resource))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  public HttpResponse<String> delete(String resource) throws IOException {
    return exchange(HttpRequest.newBuilder(URI.create(url() + resource)).DELETE());
  }

  /** Whether the connector and all of its (at least {@code tasks}) tasks are RUNNING. */
  public boolean running(String name, int tasks) {
    try {
      HttpResponse<String> r = get("connectors/" + name + "/status");
      if (r.statusCode() != 200) {
        return false;
      }
      JsonNode s = JSON.readTree(r.body());
      if (!s.get("connector").get("state").asText().equals("RUNNING")
          || s.get("tasks").size() < tasks) {
        return false;
      }
      for (JsonNode t : s.get("tasks")) {
        if (!t.get("state").asText().equals("RUNNING")) {
          return false;
        }
      }
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private HttpResponse<String> send(String method, String resource, Object body)
      throws IOException {
    return exchange(
        HttpRequest.newBuilder(URI.create(url() + resource))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private static HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no rebalance notice; as a crashed machine. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts a killed or stopped worker again with the same properties (and REST port). */
  public void restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("the worker is still running");
    }
    launch();
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (!Boolean.getBoolean("it.keep.worker.logs")) {
      LocalServers.deleteTree(dir);
    }
  }
}
