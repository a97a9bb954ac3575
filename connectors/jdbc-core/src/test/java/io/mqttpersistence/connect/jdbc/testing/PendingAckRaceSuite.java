package io.mqttpersistence.connect.jdbc.testing;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.acked;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.EventFormat;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.jdbc.JdbcSinkConfig;
import io.mqttpersistence.connect.jdbc.SqlAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one race pending acks have: task A parks an ack while task B stores its message, each in a
 * transaction the other cannot see yet. Neither resolves it then; A's store must when it is next
 * idle, and a task that stopped before that leaves it to the next task start. Drives the store
 * directly, so the interleaving is exact.
 */
public abstract class PendingAckRaceSuite {
  private static final long T0 = 1_700_000_000_000L;

  protected abstract SqlTestTarget target();

  /**
   * Whether a join in a write waits for another transaction's uncommitted rows (InnoDB's locks) and
   * then sees them, instead of reading a snapshot without them.
   */
  protected boolean joinsWaitForUncommittedRows() {
    return false;
  }

  private Map<String, String> config(SqlTestDatabase db) {
    return Map.of(
        target().prefix() + ".server",
        db.server(),
        target().prefix() + ".database",
        db.name(),
        target().prefix() + ".username",
        db.user(),
        "hook.message.publish.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"}}",
        "hook.message.acked.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_acked\"}}");
  }

  @Test
  void anAckParkedWhileItsMessageWasBeingStoredIsResolvedWhenItsTaskIsNextIdle() throws Exception {
    try (SqlTestDatabase db = target().createDatabase();
        EventStore<SqlAction> taskA = open(target().definition(), config(db))) {
      String msgid = MessageIdFormat.BASE62.encode(id(1));
      try (Connection taskB = db.connect()) {
        taskB.setAutoCommit(false);
        try (PreparedStatement ps =
            taskB.prepareStatement(
                "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
                    + " VALUES (?, 'c1', 't/1', 1, 0, 'm1', '2023-11-14 22:13:20')")) {
          ps.setString(1, msgid);
          ps.executeUpdate();
        }
        // B's message is not visible yet: A parks the ack and finds nothing to resolve. B commits
        // once A is done, or after 3 s where A's resolution waits for B's row lock (MySQL locks
        // the rows a join reads, which PostgreSQL's snapshot skips; that wait resolves the ack).
        CountDownLatch aDone = new CountDownLatch(1);
        CompletableFuture<Void> commitB =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    aDone.await(3, TimeUnit.SECONDS);
                    taskB.commit();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        taskA.write(List.of(routed(acked("sub", "c1", id(1), "t/1", 1, T0))));
        aDone.countDown();
        commitB.get(30, TimeUnit.SECONDS);
      }
      if (!joinsWaitForUncommittedRows()) {
        assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending"))
            .as("missed by both")
            .isEqualTo(1);
        taskA.idle(); // too soon: other transactions may still be committing
        assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending")).isEqualTo(1);
        Thread.sleep(1100);
        taskA.idle();
      }
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending")).isZero();
      assertThat(db.count("SELECT mid FROM mqtt_acked WHERE clientid = 'sub' AND topic = 't/1'"))
          .isEqualTo(db.count("SELECT id FROM mqtt_msg WHERE msgid = '" + msgid + "'"));
    }
  }

  @Test
  void aTaskStartingResolvesWhatAStoppedTaskLeftPending() throws Exception {
    try (SqlTestDatabase db = target().createDatabase()) {
      String stored = MessageIdFormat.BASE62.encode(id(1));
      String notYet = MessageIdFormat.BASE62.encode(id(2));
      try (EventStore<SqlAction> first = open(target().definition(), config(db))) {
        first.idle(); // creates the schema and finds nothing
      }
      db.execute(
          "INSERT INTO mqtt_msg(msgid, sender, topic, qos, retain, payload, arrived)"
              + " VALUES ('"
              + stored
              + "', 'c1', 't/1', 1, 0, 'm1', '2023-11-14 22:13:20')",
          "INSERT INTO mqtt_ack_pending(clientid, topic, msgid) VALUES ('sub', 't/1', '"
              + stored
              + "')",
          "INSERT INTO mqtt_ack_pending(clientid, topic, msgid) VALUES ('sub', 't/2', '"
              + notYet
              + "')");
      try (EventStore<SqlAction> next = open(target().definition(), config(db))) {
        next.idle();
      }
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending WHERE msgid = '" + stored + "'"))
          .isZero();
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending WHERE msgid = '" + notYet + "'"))
          .as("its message is still to come")
          .isEqualTo(1);
      assertThat(db.count("SELECT mid FROM mqtt_acked WHERE clientid = 'sub' AND topic = 't/1'"))
          .isEqualTo(db.count("SELECT id FROM mqtt_msg WHERE msgid = '" + stored + "'"));
    }
  }

  private HookTable<SqlAction> hooks;

  private <C extends JdbcSinkConfig> EventStore<SqlAction> open(
      SinkDefinition<SqlAction, C> definition, Map<String, String> props) {
    C config = definition.parseConfig(props);
    hooks =
        HookTable.compile(
            HookParser.parse(props).hooks(), spec -> definition.compile(spec, config));
    return definition.openStore(config, hooks);
  }

  private RoutedEvent<SqlAction> routed(String json) {
    BrokerEvent event =
        (BrokerEvent) new EventDecoder(EventFormat.AUTO, Map.of()).decode(json, "events", null);
    return new RoutedEvent<>(event, hooks.match(event));
  }
}
