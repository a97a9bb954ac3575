package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttpersistence.connect.common.connect.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The zip is the product: what it holds, jar by jar, and that a plain Connect worker (its own JVM,
 * a Connect distribution's classpath, nothing but the unpacked zip on plugin.path) loads the
 * plugin, validates the shipped example config and stores events with it, configured through REST
 * only. Each connector runs it by saying how to reach its test store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PluginZipSuite {
  private EmbeddedKafkaCluster kafka;
  private Path plugins;
  private PlainWorker worker;

  /** The connector's short name: "pgsql", "redis", ... */
  protected abstract String connectorName();

  protected abstract String connectorClass();

  /**
   * Every jar lib/ must hold, {@code ${version}} standing for the project's version. A jar that
   * appears or vanishes changes this list, in review.
   */
  protected abstract List<String> expectedLib();

  /** The keys that point the example config at the test's store. */
  protected abstract Map<String, String> connection() throws Exception;

  /** Whether the store holds {@code clientid} as connected. */
  protected abstract boolean clientOnline(String clientid) throws Exception;

  @BeforeAll
  void startKafkaAndAPlainWorker() throws Exception {
    kafka = new EmbeddedKafkaCluster(1, new Properties());
    kafka.start();
    plugins = Files.createTempDirectory("mqttp-plugins");
    PluginZip.of(connectorName()).unpackInto(plugins);
    worker = PlainWorker.start(kafka.bootstrapServers(), plugins);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.stop();
    }
    LocalServers.deleteTree(plugins);
  }

  @Test
  void theZipHoldsTheManifestDocsExampleAndExactlyTheseJars() throws Exception {
    PluginZip zip = PluginZip.of(connectorName());
    List<String> expected = new ArrayList<>();
    expectedLib().forEach(j -> expected.add(j.replace("${version}", Version.get())));
    expected.sort(null);
    assertThat(zip.libJars()).containsExactlyElementsOf(expected);
    assertThat(zip.entries())
        .contains("manifest.json", "doc/README.md", "etc/" + connectorName() + ".json");
    String manifest = Files.readString(plugins.resolve(topFolder()).resolve("manifest.json"));
    assertThat(manifest)
        .contains("\"version\": \"" + Version.get() + "\"")
        .contains("\"connector_class\": \"" + connectorClass() + "\"")
        .doesNotContain("${");
  }

  @Test
  void aPlainWorkerLoadsThePluginFromItsZipAndStoresEvents() throws Exception {
    // The Connect this ran on, as the worker itself reports it: what the README's "tested with"
    // rests on (-Dworker.kafka.version picks an older one).
    String workerVersion = worker.getJson("").get("version").asText();
    System.out.println("Plain worker: Kafka Connect " + workerVersion);
    assertThat(workerVersion).isEqualTo(System.getProperty("worker.kafka.version", "4.1.1"));
    JsonNode listed = worker.getJson("connector-plugins");
    assertThat(listed)
        .anySatisfy(
            p -> {
              assertThat(p.get("class").asText()).isEqualTo(connectorClass());
              assertThat(p.get("version").asText()).isEqualTo(Version.get());
            });

    String topic = "zip-events-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    kafka.createTopic("zip-replies", 1);
    Map<String, String> cfg = new java.util.LinkedHashMap<>(ConfigExamples.config(connectorName()));
    cfg.putAll(connection());
    cfg.put("topics", topic);
    cfg.put("tasks.max", "1");
    cfg.put("lookup.reply.topic", "zip-replies");
    cfg.put("lookup.reply.bootstrap.servers", kafka.bootstrapServers());
    String name = "zip-" + connectorName();
    cfg.put("name", name);
    assertThat(worker.validate(connectorClass(), cfg)).isEmpty();

    worker.putConnector(name, cfg);
    ConnectHarness.waitUntil(
        Duration.ofSeconds(60), () -> worker.running(name, 1), "the connector to run");
    String clientid = "zip-client-" + UUID.randomUUID();
    kafka.produce(topic, clientid, Emqx5Events.connected(clientid, System.currentTimeMillis()));
    try {
      ConnectHarness.waitUntil(
          Duration.ofSeconds(60),
          () -> {
            try {
              return clientOnline(clientid);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          },
          "the connect event to be stored");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; worker log:\n" + worker.logText(), e);
    }
  }

  private String topFolder() {
    return "mqttpersistence-" + connectorName() + "-" + Version.get();
  }
}
