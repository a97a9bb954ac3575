package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Decoded;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.event.Skipped;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.metrics.TaskMetrics;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A task after a successful start: every part is ready, nothing is null. One {@link #put} decodes
 * each record once, routes it through the hook table, writes the routed events as one unit and
 * publishes lookup replies once the unit has landed.
 */
final class StartedEventSink<A> implements AutoCloseable {
  private final EventDecoder decoder;
  private final HookTable<A> hooks;
  private final EventStore<A> store;
  private final Consumer<List<LookupReply>> replies;
  private final BadRecords badRecords;
  private final RetryBudget retries;
  private final SkippedRecords skipped = new SkippedRecords();
  private final TaskMetrics metrics;
  private final AutoCloseable[] resources;

  StartedEventSink(
      EventDecoder decoder,
      HookTable<A> hooks,
      EventStore<A> store,
      Consumer<List<LookupReply>> replies,
      BadRecords badRecords,
      RetryBudget retries,
      TaskMetrics metrics,
      AutoCloseable... resources) {
    this.metrics = metrics;
    this.decoder = decoder;
    this.hooks = hooks;
    this.store = store;
    this.replies = replies;
    this.badRecords = badRecords;
    this.retries = retries;
    this.resources = resources;
  }

  private record Pending<A>(SinkRecord record, RoutedEvent<A> routed) {}

  void put(Collection<SinkRecord> records) {
    List<Pending<A>> batch = new ArrayList<>(records.size());
    for (SinkRecord r : records) {
      metrics.received(r.timestamp());
      Decoded decoded;
      try {
        decoded = decoder.decode(RecordValues.plain(r.value()), r.originalTopic(), r.timestamp());
      } catch (MalformedEventException | ArithmeticException e) {
        reportBad(r, e);
        continue;
      }
      if (decoded instanceof Skipped skip) {
        skip(r, skip);
        continue;
      }
      BrokerEvent event = (BrokerEvent) decoded;
      List<HookTable.Entry<A>> actions = hooks.match(event);
      if (actions.isEmpty()) {
        skip(
            r,
            new Skipped(Skipped.Reason.NO_HOOK_MATCHED, event.hookpoint() + " " + event.topic()));
      } else {
        batch.add(new Pending<>(r, new RoutedEvent<>(event, actions)));
      }
    }
    skipped.summarizeIfDue();
    if (batch.isEmpty()) {
      if (records.isEmpty()) {
        store.idle();
      }
      return;
    }
    long start = System.nanoTime();
    List<LookupReply> out;
    List<Pending<A>> landed = batch;
    try {
      out = store.write(batch.stream().map(Pending::routed).toList());
    } catch (StoreException e) {
      if (e.isTransient()) {
        throw retry(e);
      }
      landed = new ArrayList<>(batch.size());
      out = e.badEvents().isEmpty() ? writeOneByOne(batch, landed) : reportBad(batch, e, landed);
    }
    retries.succeeded();
    landed(landed, start);
    publish(out);
  }

  private void publish(List<LookupReply> out) {
    replies.accept(out);
    metrics.repliesPublished(out.size());
  }

  private void skip(SinkRecord r, Skipped skip) {
    skipped.skipped(r, skip);
    metrics.skipped(skip.reason());
  }

  /** Dead-letters the record, or throws when errors are not tolerated. */
  private void reportBad(SinkRecord r, Throwable reason) {
    badRecords.report(r, reason);
    metrics.deadLettered();
  }

  private void landed(List<Pending<A>> landed, long startNanos) {
    metrics.wrote(landed.size(), (System.nanoTime() - startNanos) / 1e6);
    for (Pending<A> p : landed) {
      for (HookTable.Entry<A> e : p.routed().actions()) {
        metrics.applied(e.spec());
      }
    }
  }

  private RuntimeException retry(StoreException e) {
    RuntimeException outcome = retries.onTransientFailure(e);
    if (outcome instanceof RetriableException) {
      metrics.retried(e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName());
    }
    return outcome;
  }

  /** The store named the events whose data failed; every other event landed. */
  private List<LookupReply> reportBad(
      List<Pending<A>> batch, StoreException e, List<Pending<A>> landed) {
    for (int i = 0; i < batch.size(); i++) {
      String reason = e.badEvents().get(i);
      if (reason == null) {
        landed.add(batch.get(i));
      } else {
        reportBad(batch.get(i).record(), new StoreException(reason, null, false));
      }
    }
    return e.landedReplies();
  }

  /**
   * Finds the records a failed batch cannot hold; the others land, each as its own unit, in order.
   */
  private List<LookupReply> writeOneByOne(List<Pending<A>> batch, List<Pending<A>> landed) {
    List<LookupReply> out = new ArrayList<>();
    for (Pending<A> p : batch) {
      try {
        out.addAll(store.write(List.of(p.routed())));
        landed.add(p);
      } catch (StoreException e) {
        if (e.isTransient()) {
          publish(out);
          throw retry(e);
        }
        reportBad(p.record(), e);
      }
    }
    return out;
  }

  /** Records skipped so far, by reason: valid events no hook stores. */
  Map<Skipped.Reason, Long> skipCounts() {
    return skipped.counts();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("failed to close task resources", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
