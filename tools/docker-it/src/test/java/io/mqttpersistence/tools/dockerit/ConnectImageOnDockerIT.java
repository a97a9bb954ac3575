package io.mqttpersistence.tools.dockerit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqttpersistence.connect.common.testing.ConfigExamples;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import redis.clients.jedis.Jedis;

/**
 * The Connect image of docker/compose.yaml, built from docker/connect/Dockerfile and this build's
 * zips, in a network with Kafka and Redis containers: it lists our five plugins, and the connector
 * docker/up.sh registers (config-examples/redis.json with docker/connectors/redis.json over it)
 * runs through REST and stores an event. Skipped without a Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConnectImageOnDockerIT {
  private static final Path ROOT = ConfigExamples.repositoryRoot();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Network NETWORK = Network.newNetwork();

  @Container
  private static final KafkaContainer KAFKA =
      new KafkaContainer("apache/kafka:4.1.0").withNetwork(NETWORK).withListener("kafka:19092");

  @Container
  private static final GenericContainer<?> REDIS =
      new GenericContainer<>("redis:7.4.1")
          .withNetwork(NETWORK)
          .withNetworkAliases("redis")
          .withExposedPorts(6379);

  @Container
  private static final GenericContainer<?> CONNECT =
      new GenericContainer<>(
              new ImageFromDockerfile("mqtt-persistence/connect-it", true)
                  .withFileFromPath(".", ROOT)
                  .withDockerfile(ROOT.resolve("docker/connect/Dockerfile")))
          .withNetwork(NETWORK)
          .dependsOn(KAFKA)
          .withExposedPorts(8083)
          .withCopyToContainer(workerProperties(), "/opt/connect/connect-distributed.properties")
          .waitingFor(
              Wait.forHttp("/connector-plugins")
                  .forPort(8083)
                  .withStartupTimeout(Duration.ofMinutes(3)));

  /** The image's own worker properties, but on the Kafka container's in-network listener. */
  private static Transferable workerProperties() {
    try {
      String props =
          Files.readString(ROOT.resolve("docker/connect/connect-distributed.properties"))
              .replace("bootstrap.servers=kafka:9092", "bootstrap.servers=kafka:19092");
      return Transferable.of(props);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String connectUrl(String resource) {
    return "http://" + CONNECT.getHost() + ":" + CONNECT.getMappedPort(8083) + "/" + resource;
  }

  private static JsonNode get(String resource) throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(connectUrl(resource))).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  @Test
  void theImageRunsTheConnectorUpShRegistersAndStoresAnEvent() throws Exception {
    List<String> plugins =
        get("connector-plugins").findValues("class").stream().map(JsonNode::asText).toList();
    assertThat(String.join(" ", plugins))
        .contains(
            "PgsqlSinkConnector",
            "MysqlSinkConnector",
            "RedisSinkConnector",
            "MongoSinkConnector",
            "CassandraSinkConnector");

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.getBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("emqx_events", 4, (short) 1))).all().get();
    }
    JsonNode example = JSON.readTree(ROOT.resolve("config-examples/redis.json").toFile());
    ObjectNode config = (ObjectNode) example.get("config");
    JSON.readTree(ROOT.resolve("docker/connectors/redis.json").toFile())
        .properties()
        .forEach(e -> config.set(e.getKey(), e.getValue()));
    config.put("lookup.reply.bootstrap.servers", "kafka:19092"); // this network's listener
    String name = example.get("name").asText();
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(connectUrl("connectors/" + name + "/config")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

    String clientid = "docker-" + UUID.randomUUID();
    Properties p = new Properties();
    p.put("bootstrap.servers", KAFKA.getBootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "emqx_events",
                  clientid,
                  Emqx5Events.connected(clientid, System.currentTimeMillis())))
          .get();
    }
    try (Jedis redis = new Jedis(REDIS.getHost(), REDIS.getMappedPort(6379))) {
      ConnectHarness.waitUntil(
          Duration.ofSeconds(90),
          () -> "1".equals(redis.hget("mqtt:client:" + clientid, "state")),
          "the connect event to be stored in Redis");
    }
  }
}
