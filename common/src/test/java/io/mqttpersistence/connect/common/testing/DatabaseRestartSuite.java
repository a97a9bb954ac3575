package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The database goes away mid-stream and comes back: the tasks retry, and the store ends exactly as
 * the model says (nothing lost, nothing applied twice). A connector runs it with a store on a
 * server of the test's own.
 */
public abstract class DatabaseRestartSuite extends EmbeddedConnectSuite {
  protected abstract RestartableStore createStore() throws Exception;

  @Test
  void nothingIsLostOrDuplicatedAcrossADatabaseRestart() throws Exception {
    try (RestartableStore store = createStore()) {
      ConnectHarness.Topics topics = connect.freshTopics(3);
      Map<String, String> cfg = TestConfigs.base(store.connectorClass(), topics.events(), 2);
      cfg.putAll(store.freshStore());
      cfg.putAll(store.writeHooks());
      cfg.put("retry.backoff.ms", "300");
      String name = "restart-" + store.name();
      connect.startConnector(name, cfg);
      List<StreamGenerator.Keyed> stream =
          new StreamGenerator(3, 8, true, System.currentTimeMillis() - 600_000).generate(2000);
      int half = stream.size() / 2;
      StreamProducer.send(connect.bootstrapServers(), topics.events(), stream.subList(0, half));
      ConnectHarness.waitUntil(
          Duration.ofSeconds(60), () -> hasMessages(store), "the first messages to land");
      store.stopServer();
      StreamProducer.send(
          connect.bootstrapServers(), topics.events(), stream.subList(half, stream.size()));
      Thread.sleep(3000); // the tasks meet the outage and retry
      store.startServer();
      long back = System.nanoTime();
      Snapshot expected =
          ExpectedState.of(
              StreamGenerator.events(stream), store.rules(), MessageIdFormat.BASE62, false);
      ReliabilityReport report = new ReliabilityReport(store.name(), "database-restart");
      try {
        report.await(
            "1. the database stopped mid-stream and started again; tasks retried",
            store,
            expected,
            stream.size(),
            -1,
            back,
            Duration.ofMinutes(3),
            () -> tasksState(name));
      } finally {
        report.write();
      }
      assertThat(connect.running(name)).isTrue();
    }
  }

  /** Waits for the store to equal the model; on timeout, says which entries differ. */
  static void awaitModel(
      StoreUnderTest store, Snapshot expected, Duration timeout, Supplier<String> context)
      throws InterruptedException {
    ReliabilityReport.assertReached(
        expected, ReliabilityReport.pollUntilEqual(store, expected, timeout), timeout, context);
  }

  private String tasksState(String name) {
    StringBuilder out = new StringBuilder("tasks:");
    try {
      connect
          .cluster()
          .connectorStatus(name)
          .tasks()
          .forEach(
              t ->
                  out.append("\n  ")
                      .append(t.id())
                      .append(' ')
                      .append(t.state())
                      .append(t.trace() == null ? "" : ": " + t.trace()));
    } catch (RuntimeException unknown) {
      out.append(" unknown (").append(unknown.getMessage()).append(')');
    }
    return out.toString();
  }

  private static boolean hasMessages(StoreUnderTest store) {
    try {
      return !store.snapshot().messages().isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }
}
