package io.mqttpersistence.tools.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmqxConvertTest {
  private static final Path EXAMPLES = Path.of("../../config-examples/emqx4");
  @TempDir Path dir;

  private record Run(int status, String out, String err) {
    List<JsonNode> bodies() throws IOException {
      List<JsonNode> out = new ArrayList<>();
      var parser = new ObjectMapper().createParser(this.out);
      var it = new ObjectMapper().readValues(parser, JsonNode.class);
      it.forEachRemaining(out::add);
      return out;
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        EmqxConvert.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path conf(String text) throws IOException {
    Path f = dir.resolve("emqx_backend_test.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void everyShippedDefaultConvertsWithoutProblemsIntoOneConnector() throws Exception {
    for (String db : List.of("pgsql", "mysql", "redis", "mongo", "cassa")) {
      Path file = EXAMPLES.resolve("emqx_backend_" + db + ".conf");
      Run r = run(file.toString());
      assertThat(r.status()).as(db + ": " + r.err()).isZero();
      assertThat(r.err()).as(db).doesNotContain("error:");
      List<JsonNode> bodies = r.bodies();
      assertThat(bodies).as(db).hasSize(1);
      JsonNode config = bodies.get(0).get("config");
      long hooks =
          Files.readAllLines(file).stream()
              .filter(l -> !l.startsWith("#") && l.contains(".hook."))
              .count();
      List<String> keys = new ArrayList<>();
      config.fieldNames().forEachRemaining(keys::add);
      assertThat(keys.stream().filter(k -> k.startsWith("hook."))).as(db).hasSize((int) hooks);
    }
  }

  @Test
  void poolOptionsMapToTheConnectorsKeysAndIgnoredOnesAreComments() throws Exception {
    Run r =
        run(
            "--topics",
            "broker_events",
            conf("""
                backend.mysql.pool1.server = db.example:3306
                backend.mysql.pool1.user = emqx
                backend.mysql.pool1.password = s3cret
                backend.mysql.pool1.encoding = utf8
                backend.mysql.hook.client.connected.1 = {"action": {"function": "on_client_connected"}, "pool": "pool1"}
                """)
                .toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode c = r.bodies().get(0).get("config");
    assertThat(r.bodies().get(0).get("name").asText()).isEqualTo("emqx-mysql-pool1");
    assertThat(c.get("connector.class").asText())
        .isEqualTo("io.mqttpersistence.connect.mysql.MysqlSinkConnector");
    assertThat(c.get("mysql.server").asText()).isEqualTo("db.example:3306");
    assertThat(c.get("mysql.username").asText()).isEqualTo("emqx");
    assertThat(c.get("topics").asText()).isEqualTo("broker_events");
    assertThat(c.get("hook.client.connected.1").asText())
        .isEqualTo("{\"action\": {\"function\": \"on_client_connected\"}, \"pool\": \"pool1\"}");
    assertThat(r.err())
        .contains("# emqx_backend_test.conf:4: backend.mysql.pool1.encoding is ignored")
        .doesNotContain("s3cret");
  }

  @Test
  void twoPoolsInOneFileBecomeTwoConnectorsEachWithItsHooks() throws Exception {
    Run r =
        run(
            conf("""
                backend.redis.pool1.server = 10.0.0.1:6379
                backend.redis.pool2.type = cluster
                backend.redis.pool2.server = 10.0.0.2:6379,10.0.0.3:6379
                backend.redis.pool2.query_timeout = 5s
                backend.redis.hook.client.connected.1 = {"action": {"function": "on_client_connected"}, "pool": "pool1"}
                backend.redis.hook.message.publish.1 = {"topic": "#", "action": {"function": "on_message_publish"}, "pool": "pool2"}
                """)
                .toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<JsonNode> bodies = r.bodies();
    assertThat(bodies)
        .extracting(b -> b.get("name").asText())
        .containsExactly("emqx-redis-pool1", "emqx-redis-pool2");
    assertThat(bodies.get(0).get("config").has("hook.client.connected.1")).isTrue();
    assertThat(bodies.get(0).get("config").has("hook.message.publish.1")).isFalse();
    JsonNode pool2 = bodies.get(1).get("config");
    assertThat(pool2.get("redis.type").asText()).isEqualTo("cluster");
    assertThat(pool2.get("redis.timeout.ms").asText()).isEqualTo("5000");
    assertThat(pool2.has("hook.message.publish.1")).isTrue();
  }

  @Test
  void whatCannotBeCarriedOverIsReportedWithItsLineAndFailsTheRun() throws Exception {
    Run r =
        run(
            conf("""
                ## a comment, then settings
                backend.pgsql.pool1.server = 127.0.0.1:5432
                backend.pgsql.pool1.password public
                backend.pgsql.pool1.no_such_option = 1
                backend.pgsql.max_returned_count = 500
                backend.pgsql.hook.client.connected.1 = {"action": {"function": "on_client_connected"}
                backend.oracle.pool1.server = x
                backend.pgsql.hook.message.publish.1 = {"topic": "#", "action": {"function": "on_message_publish"}, "pool": "pool1"}
                """)
                .toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: emqx_backend_test.conf:3: not a 'key = value' setting")
        .contains("error: emqx_backend_test.conf:4: unknown option no_such_option of pool pool1")
        .contains(
            "error: emqx_backend_test.conf:5: backend.pgsql.max_returned_count has no counterpart")
        .contains("offline_opts")
        .contains("error: emqx_backend_test.conf:6: the hook's value is not JSON")
        .contains("error: emqx_backend_test.conf:7: unknown key backend.oracle.pool1.server")
        .doesNotContain("public");
    // What could be converted still is, so the user sees the rest.
    assertThat(r.bodies()).hasSize(1);
    assertThat(r.bodies().get(0).get("config").has("hook.message.publish.1")).isTrue();
  }

  @Test
  void pemFilesForMongoAreReportedWithWhatToDoInstead() throws Exception {
    Run r =
        run(
            conf("""
                backend.mongo.pool1.server = 127.0.0.1:27017
                backend.mongo.pool1.ssl = true
                backend.mongo.pool1.cacertfile = /etc/certs/ca.pem
                backend.mongo.topology.pool_size = 1
                backend.mongo.hook.client.connected.1 = {"action": {"function": "on_client_connected"}, "pool": "pool1"}
                """)
                .toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "error: emqx_backend_test.conf:3: backend.mongo.pool1.cacertfile has no counterpart")
        .contains("mongo.ssl.truststore")
        .contains("# emqx_backend_test.conf:4: backend.mongo.topology.pool_size is ignored");
  }

  @Test
  void aHookWithoutPoolGoesToTheOnlyPoolAndFilesOfSeveralDatabasesGiveOneConnectorEach()
      throws Exception {
    Path cassa = dir.resolve("emqx_backend_cassa.conf");
    Files.writeString(
        cassa,
        """
        backend.ecql.pool1.nodes = 10.0.0.9:9042
        backend.cassa.hook.client.connected.1 = {"action": {"function": "on_client_connected"}}
        """);
    Run r = run(cassa.toString(), EXAMPLES.resolve("emqx_backend_pgsql.conf").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.bodies())
        .extracting(b -> b.get("name").asText())
        .containsExactly("emqx-cassandra-pool1", "emqx-pgsql-pool1");
    assertThat(r.err()).contains("emqx_backend_cassa.conf:2: the hook names no \"pool\"");
  }

  @Test
  void outWritesOneFilePerConnectorAndAWrongCommandLineIsStatusTwo() throws Exception {
    Path out = dir.resolve("out");
    Run r = run("--out", out.toString(), EXAMPLES.resolve("emqx_backend_redis.conf").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(out.resolve("emqx-redis-pool1.json")).exists();
    assertThat(run().status()).isEqualTo(2);
    assertThat(run("--nope", "x", "f.conf").status()).isEqualTo(2);
  }
}
