package io.mqttpersistence.connect.pgsql;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.id;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stops PostgreSQL in the middle of a stream and starts it again: every event lands exactly once. Uses
 * an embedded server this test owns, so that stopping it disturbs nothing else on the machine.
 */
class PgsqlRestartIT {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void nothingIsLostOrDuplicatedAcrossADatabaseRestart() throws Exception {
    Path data = Files.createTempDirectory("mqttp-pg-restart");
    int port = freePort();
    EmbeddedPostgres pg = start(data, port);
    try (ConnectHarness connect = ConnectHarness.start()) {
      PgsqlTestDatabase db = PgsqlTestDatabase.create("127.0.0.1:" + port);
      connect.createTopic("events", 3);
      Map<String, String> cfg = new HashMap<>();
      cfg.put("connector.class", PgsqlSinkConnector.class.getName());
      cfg.put("tasks.max", "2");
      cfg.put("topics", "events");
      cfg.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      cfg.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
      cfg.put("pgsql.server", "127.0.0.1:" + port);
      cfg.put("pgsql.database", db.name());
      cfg.put("max.retries", "1000");
      cfg.put("retry.backoff.ms", "300");
      cfg.put("hook.message.publish.1", "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"}}");
      connect.startConnector("restart", cfg);

      produce(connect, 0, 300);
      ConnectHarness.waitUntil(Duration.ofSeconds(60), () -> count(db) > 0, "the first messages");
      pg.close();
      produce(connect, 300, 600);
      Thread.sleep(3000); // the tasks meet the outage and retry
      pg = start(data, port);
      ConnectHarness.waitUntil(Duration.ofSeconds(120), () -> count(db) == 600, "all 600 messages");

      assertThat(db.count("SELECT count(DISTINCT msgid) FROM mqtt_msg")).isEqualTo(600);
      assertThat(connect.running("restart")).isTrue();
    } finally {
      pg.close();
    }
  }

  private static long count(PgsqlTestDatabase db) {
    try {
      return db.count("SELECT count(*) FROM mqtt_msg");
    } catch (IllegalStateException notReadyYet) {
      return -1;
    }
  }

  private static void produce(ConnectHarness connect, int from, int to) {
    for (int i = from; i < to; i++) {
      String client = "c" + (i % 17);
      connect.produce("events", client, publish(client, id(i), "t/" + (i % 5), 1, false, "m" + i, T0 + i));
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
