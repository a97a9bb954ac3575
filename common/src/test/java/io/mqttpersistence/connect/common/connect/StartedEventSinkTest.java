package io.mqttpersistence.connect.common.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.EventFormat;
import io.mqttpersistence.connect.common.event.Skipped;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.metrics.TaskMetrics;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.StoreException;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import io.mqttpersistence.connect.common.testing.TaskMetricsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

/** The task's path for records no hook stores, with a store that only remembers what it got. */
class StartedEventSinkTest {
  private final List<String> written = new ArrayList<>();

  private StartedEventSink<String> sink() {
    HookTable<String> hooks =
        HookTable.compile(
            HookParser.parse(
                    Map.of(
                        "hook.client.connected.1", "{\"action\": {\"function\": \"f\"}}",
                        "hook.message.publish.1",
                            "{\"topic\": \"keep/#\", \"action\": {\"function\": \"g\"}}"))
                .hooks(),
            h -> h.configKey());
    EventStore<String> store =
        new EventStore<>() {
          @Override
          public List<LookupReply> write(List<RoutedEvent<String>> events) {
            events.forEach(e -> written.add(e.event().clientid()));
            return List.of();
          }

          @Override
          public void close() {}
        };
    return new StartedEventSink<>(
        new EventDecoder(EventFormat.AUTO, Map.of(), hooks.hookpoints(), null),
        hooks,
        store,
        r -> {},
        new BadRecords(null),
        new RetryBudget(0, 0, null),
        new TaskMetrics("test", "0", List.of(), Set.of(), false));
  }

  private static SinkRecord record(long offset, String value) {
    return new SinkRecord("events", 0, null, null, null, value, offset);
  }

  @Test
  void validEventsNoHookStoresAreCountedNotFailed() {
    StartedEventSink<String> sink = sink();
    sink.put(
        List.of(
            record(0, Emqx5Events.connected("a", 1)),
            record(1, "{\"event\": \"message.dropped\", \"clientid\": \"x\"}"),
            record(2, "{\"event\": \"session.created\"}"),
            record(3, "{\"event\": \"client.connack\", \"clientid\": \"x\"}"),
            record(4, "{\"event\": \"no.such.event\"}"),
            record(5, Emqx5Events.subscribed("x", "t", 1, 2)), // no session.subscribed hook
            record(6, Emqx5Events.publish("x", Emqx5Events.id(1), "other/1", 1, false, "p", 3)),
            record(7, Emqx5Events.publish("b", Emqx5Events.id(2), "keep/1", 1, false, "p", 4))));
    assertThat(written).containsExactly("a", "b");
    assertThat(sink.skipCounts())
        .isEqualTo(
            Map.of(
                Skipped.Reason.UNHANDLED_EVENT, 4L,
                Skipped.Reason.UNKNOWN_EVENT, 1L,
                Skipped.Reason.NO_HOOK_MATCHED, 1L));
  }

  @Test
  void recordsThatCannotBeEventsStayBadRecords() {
    StartedEventSink<String> sink = sink();
    assertThatThrownBy(() -> sink.put(List.of(record(9, "[1, 2]"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic events, partition 0, offset 9")
        .hasMessageContaining("not an object");
    assertThatThrownBy(() -> sink.put(List.of(record(10, "{\"event\": \"client.connected\"}"))))
        .hasMessageContaining("no clientid");
    assertThat(sink.skipCounts()).isEmpty();
  }

  /** A SinkTaskContext that only takes the retry backoff, all a RetryBudget asks of it. */
  private static SinkTaskContext backoffOnly() {
    return (SinkTaskContext)
        java.lang.reflect.Proxy.newProxyInstance(
            SinkTaskContext.class.getClassLoader(),
            new Class<?>[] {SinkTaskContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("timeout")) {
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void metricsCountRetriesByCauseAndWhatLandedPerHook() throws Exception {
    HookTable<String> hooks =
        HookTable.compile(
            HookParser.parse(
                    Map.of("hook.client.connected.1", "{\"action\": {\"function\": \"f\"}}"))
                .hooks(),
            h -> h.configKey());
    int[] failuresLeft = {2};
    EventStore<String> flaky =
        new EventStore<>() {
          @Override
          public List<LookupReply> write(List<RoutedEvent<String>> events) throws StoreException {
            if (failuresLeft[0]-- > 0) {
              throw new StoreException(
                  "down", new java.net.ConnectException("connection refused"), true);
            }
            return List.of();
          }

          @Override
          public void close() {}
        };
    try (TaskMetrics metrics =
        new TaskMetrics(
            "unit-metrics",
            "3",
            hooks.all().stream().map(HookTable.Entry::spec).toList(),
            Set.of(),
            true)) {
      StartedEventSink<String> sink =
          new StartedEventSink<>(
              new EventDecoder(EventFormat.AUTO, Map.of(), hooks.hookpoints(), null),
              hooks,
              flaky,
              r -> {},
              new BadRecords(null),
              new RetryBudget(5, 0, backoffOnly()),
              metrics);
      List<SinkRecord> batch =
          List.of(
              record(0, Emqx5Events.connected("a", 1)),
              record(1, Emqx5Events.connected("b", 2)),
              record(2, "{\"event\": \"session.created\"}"));
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> sink.put(batch)).isInstanceOf(RetriableException.class);
      }
      sink.put(batch);

      TaskMetricsReader jmx = new TaskMetricsReader("unit-metrics", 3);
      assertThat(jmx.task("records-received-total")).isEqualTo(9);
      assertThat(jmx.task("records-skipped-unhandled-event-total")).isEqualTo(3);
      assertThat(jmx.task("retries-total")).isEqualTo(2);
      assertThat(
              TaskMetricsReader.read(
                  new javax.management.ObjectName(
                      "io.mqttpersistence.connect:type=sink-retry-metrics,connector=unit-metrics,"
                          + "task=3,cause=ConnectException"),
                  "retries-total"))
          .isEqualTo(2);
      assertThat(jmx.task("batches-total")).isEqualTo(1);
      assertThat(jmx.task("records-written-total")).isEqualTo(2);
      assertThat(jmx.hook("hook.client.connected.1", "f", "events-applied-total")).isEqualTo(2);
      assertThat(jmx.task("latest-kafka-time-difference-ms")).isNaN(); // records without time
    }
    assertThat(new TaskMetricsReader("unit-metrics", 3).connectorMBeans()).isEmpty();
  }
}
