package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.metrics.TaskMetrics;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * The family's SinkTask: builds a {@link StartedEventSink} in {@link #start} and forwards to it.
 * Writes are synchronous in {@link #put}, so the offsets Connect commits afterwards always belong
 * to stored data.
 */
public abstract class EventSinkTask<A, C extends EventSinkConfig> extends SinkTask {
  private StartedEventSink<A> started;

  protected abstract SinkDefinition<A, C> definition();

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    SinkDefinition<A, C> definition = definition();
    C config = definition.parseConfig(props);
    Hooks.Compiled<A> hooks = Hooks.compile(props, config, definition);
    if (!hooks.errors().isEmpty()) {
      throw new ConfigException(
          hooks.errors().stream()
              .map(HookConfigException::getMessage)
              .collect(Collectors.joining("; ")));
    }
    started = start(props, config, definition, hooks.table());
  }

  private StartedEventSink<A> start(
      Map<String, String> props, C config, SinkDefinition<A, C> definition, HookTable<A> table) {
    Set<String> lookupHooks =
        table.all().stream()
            .filter(e -> definition.isLookup(e.action()))
            .map(e -> e.spec().configKey())
            .collect(Collectors.toSet());
    boolean lookups = !lookupHooks.isEmpty();
    EventStore<A> store = definition.openStore(config, table);
    ReplyPublisher publisher = null;
    TaskMetrics metrics = null;
    try {
      metrics =
          new TaskMetrics(
              props.getOrDefault("name", "unnamed"),
              props.getOrDefault(EventSinkConnector.TASK_ID, "0"),
              table.all().stream().map(HookTable.Entry::spec).toList(),
              lookupHooks,
              true);
      Consumer<List<LookupReply>> replies = r -> {};
      if (lookups) {
        publisher = new ReplyPublisher(config.replyProducerConfig(), config.lookupReplyTopic());
        replies = publisher::publish;
      }
      return new StartedEventSink<>(
          new EventDecoder(
              config.eventFormat(),
              config.topicHookpoints(),
              table.hookpoints(),
              config.avroReader()),
          table,
          store,
          replies,
          new BadRecords(config.toleratesErrors() ? errantRecordReporter() : null),
          new RetryBudget(config.maxRetries(), config.retryBackoffMs(), context),
          metrics,
          publisher == null
              ? new AutoCloseable[] {metrics, store}
              : new AutoCloseable[] {metrics, publisher, store});
    } catch (RuntimeException e) {
      if (publisher != null) {
        publisher.close();
      }
      if (metrics != null) {
        metrics.close();
      }
      store.close();
      throw e;
    }
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // Connect before 2.6: no dead-letter queue for sink tasks
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    started.put(records);
  }

  @Override
  public void stop() {
    if (started != null) {
      started.close();
      started = null;
    }
  }
}
