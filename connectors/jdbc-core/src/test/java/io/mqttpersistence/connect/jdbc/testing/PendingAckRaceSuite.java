package io.mqttpersistence.connect.jdbc.testing;

import static io.mqttpersistence.connect.common.testing.Emqx5Events.id;
import static io.mqttpersistence.connect.common.testing.Emqx5Events.publish;
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
 * transaction the other cannot see yet. Neither resolves it then; B's store must when it is next
 * idle. Drives the store directly, so the interleaving is exact.
 */
public abstract class PendingAckRaceSuite {
  private static final long T0 = 1_700_000_000_000L;

  protected abstract SqlTestTarget target();

  @Test
  void anAckParkedWhileItsMessageWasBeingStoredIsResolvedWhenTheStoreIsNextIdle() throws Exception {
    try (SqlTestDatabase db = target().createDatabase();
        EventStore<SqlAction> store =
            open(
                target().definition(),
                Map.of(
                    target().prefix() + ".server",
                    db.server(),
                    target().prefix() + ".database",
                    db.name(),
                    target().prefix() + ".username",
                    db.user(),
                    "hook.message.publish.1",
                    "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_publish\"}}",
                    "hook.message.acked.1",
                    "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_acked\"}}"))) {
      String msgid = MessageIdFormat.BASE62.encode(id(1));
      try (Connection taskA = db.connect()) {
        taskA.setAutoCommit(false);
        try (PreparedStatement ps =
            taskA.prepareStatement(
                "INSERT INTO mqtt_ack_pending(clientid, topic, msgid) VALUES ('sub', 't/1', ?)")) {
          ps.setString(1, msgid);
          ps.executeUpdate();
        }
        // Task B stores the message while A's parked ack is uncommitted; A commits once B is
        // done, or after 3 s where B waits for A's row lock (MySQL locks what PostgreSQL's
        // snapshot skips).
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<Void> commitA =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    bDone.await(3, TimeUnit.SECONDS);
                    taskA.commit();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        store.write(List.of(routed(publish("c1", id(1), "t/1", 1, false, "m1", T0))));
        bDone.countDown();
        commitA.get(30, TimeUnit.SECONDS);
      }
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending"))
          .as("missed by both")
          .isEqualTo(1);

      store.idle(); // too soon: other transactions may still be committing
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending")).isEqualTo(1);
      Thread.sleep(1100);
      store.idle();
      assertThat(db.count("SELECT count(*) FROM mqtt_ack_pending")).isZero();
      assertThat(db.count("SELECT mid FROM mqtt_acked WHERE clientid = 'sub' AND topic = 't/1'"))
          .isEqualTo(db.count("SELECT id FROM mqtt_msg WHERE msgid = '" + msgid + "'"));
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
