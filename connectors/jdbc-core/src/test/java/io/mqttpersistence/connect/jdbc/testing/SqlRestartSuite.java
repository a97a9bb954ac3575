package io.mqttpersistence.connect.jdbc.testing;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.acked;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.connected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.disconnected;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.id;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.testing.ConnectHarness;
import io.mqttpersistence.connect.common.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Stops the database in the middle of a mixed stream with duplicates and starts it again: every
 * event lands exactly once and the tables end as if nothing had happened. Two tasks over three
 * partitions, so acks overtake their publishes too.
 */
public abstract class SqlRestartSuite {
  private static final long T0 = 1_700_000_000_000L;
  private static final int MESSAGES = 600;
  private static final int CLIENTS = 17;

  protected abstract SqlTestTarget target();

  @Test
  void nothingIsLostOrDuplicatedAcrossADatabaseRestart() throws Exception {
    try (RestartableServer server = target().startPrivateServer();
        ConnectHarness connect = ConnectHarness.start()) {
      SqlTestDatabase db = target().createDatabase(server.server());
      connect.createTopic("events", 3);
      Map<String, String> cfg = TestConfigs.base(target().connectorClass().getName(), "events", 2);
      cfg.put(target().prefix() + ".server", server.server());
      cfg.put(target().prefix() + ".database", db.name());
      cfg.put(target().prefix() + ".username", db.user());
      cfg.put("hook.client.connected.1", TestConfigs.function("on_client_connected"));
      cfg.put("hook.client.disconnected.1", TestConfigs.function("on_client_disconnected"));
      cfg.put("hook.message.publish.1", TestConfigs.function("#", "on_message_publish"));
      cfg.put("hook.message.publish.2", TestConfigs.function("#", "on_message_retain"));
      cfg.put("hook.message.acked.1", TestConfigs.function("#", "on_message_acked"));
      connect.startConnector("restart", cfg);

      List<String[]> stream = stream();
      int half = stream.size() / 2;
      produce(connect, stream.subList(0, half));
      ConnectHarness.waitUntil(
          Duration.ofSeconds(60),
          () -> count(db, "SELECT count(*) FROM mqtt_msg") > 0,
          "the first messages");
      server.stop();
      produce(connect, stream.subList(half, stream.size()));
      Thread.sleep(3000); // the tasks meet the outage and retry
      server.start();
      try {
        ConnectHarness.waitUntil(
            Duration.ofMinutes(2),
            () ->
                count(db, "SELECT count(*) FROM mqtt_msg") == MESSAGES
                    && count(db, "SELECT count(*) FROM mqtt_ack_pending") == 0
                    && count(db, "SELECT count(*) FROM mqtt_acked") == 5
                    && count(db, "SELECT count(*) FROM mqtt_client WHERE state = 0") == 8,
            "the whole stream to land");
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "; messages "
                + count(db, "SELECT count(*) FROM mqtt_msg")
                + ", pending acks "
                + count(db, "SELECT count(*) FROM mqtt_ack_pending")
                + ", cursors "
                + count(db, "SELECT count(*) FROM mqtt_acked")
                + ", offline clients "
                + count(db, "SELECT count(*) FROM mqtt_client WHERE state = 0"),
            e);
      }

      assertThat(db.count("SELECT count(DISTINCT msgid) FROM mqtt_msg")).isEqualTo(MESSAGES);
      assertThat(db.query("SELECT clientid, state FROM mqtt_client ORDER BY clientid"))
          .extracting(r -> r.get("clientid") + ":" + r.get("state"))
          .hasSize(CLIENTS)
          .allMatch(s -> s.endsWith(clientIndex(s) < 8 ? ":0" : ":1"));
      assertThat(db.query("SELECT topic, msgid, payload FROM mqtt_retain"))
          .containsExactly(Map.of("topic", "t/0", "msgid", b62(id(550)), "payload", "m550"));
      for (Map.Entry<String, List<String>> e : ackedByTopic().entrySet()) {
        String ids = String.join("','", e.getValue());
        assertThat(
                db.count(
                    "SELECT mid FROM mqtt_acked WHERE clientid = 'sub' AND topic = '"
                        + e.getKey()
                        + "'"))
            .as("cursor of %s", e.getKey())
            .isEqualTo(db.count("SELECT max(id) FROM mqtt_msg WHERE msgid IN ('" + ids + "')"));
      }
      assertThat(connect.running("restart")).isTrue();
      db.close();
    }
  }

  /**
   * Per message i: its publish (every tenth published twice, every fiftieth retained); every
   * seventh an ack of message i-3 by "sub"; clients connect first and c0..c7 disconnect at the end.
   */
  private static List<String[]> stream() {
    List<String[]> out = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      out.add(new String[] {"c" + c, connected("c" + c, T0 - 1000 + c)});
    }
    for (int i = 0; i < MESSAGES; i++) {
      String client = "c" + (i % CLIENTS);
      String publish = publish(client, id(i), topic(i), 1, i % 50 == 0, "m" + i, T0 + i * 10L);
      out.add(new String[] {client, publish});
      if (i % 10 == 3) {
        out.add(new String[] {client, publish});
      }
      if (i % 7 == 0 && i >= 3) {
        out.add(
            new String[] {
              "sub",
              acked("sub", "c" + ((i - 3) % CLIENTS), id(i - 3), topic(i - 3), 1, T0 + i * 10L + 1)
            });
      }
    }
    for (int c = 0; c < 8; c++) {
      out.add(
          new String[] {"c" + c, disconnected("c" + c, T0 + MESSAGES * 10L + c, T0 - 1000 + c)});
    }
    return out;
  }

  private static Map<String, List<String>> ackedByTopic() {
    Map<String, List<String>> out = new TreeMap<>();
    for (int i = 7; i < MESSAGES; i += 7) {
      out.computeIfAbsent(topic(i - 3), t -> new ArrayList<>()).add(b62(id(i - 3)));
    }
    return out;
  }

  private static String topic(int i) {
    return "t/" + (i % 5);
  }

  private static int clientIndex(String row) {
    return Integer.parseInt(row.substring(1, row.indexOf(':')));
  }

  private static String b62(String hexId) {
    return MessageIdFormat.BASE62.encode(hexId);
  }

  private static void produce(ConnectHarness connect, List<String[]> events) {
    for (String[] e : events) {
      connect.produce("events", e[0], e[1]);
    }
  }

  private static long count(SqlTestDatabase db, String sql) {
    try {
      return db.count(sql);
    } catch (IllegalStateException notReadyYet) {
      return -1;
    }
  }
}
