package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Decoded;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.MalformedEventException;
import io.mqttpersistence.connect.common.event.Skipped;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
  private final AutoCloseable[] resources;

  StartedEventSink(
      EventDecoder decoder,
      HookTable<A> hooks,
      EventStore<A> store,
      Consumer<List<LookupReply>> replies,
      BadRecords badRecords,
      RetryBudget retries,
      AutoCloseable... resources) {
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
      Decoded decoded;
      try {
        decoded = decoder.decode(RecordValues.plain(r.value()), r.originalTopic(), r.timestamp());
      } catch (MalformedEventException | ArithmeticException e) {
        badRecords.report(r, e);
        continue;
      }
      if (decoded instanceof Skipped skip) {
        skipped.skipped(r, skip);
        continue;
      }
      BrokerEvent event = (BrokerEvent) decoded;
      List<HookTable.Entry<A>> actions = hooks.match(event);
      if (actions.isEmpty()) {
        skipped.skipped(
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
    List<LookupReply> out;
    try {
      out = store.write(batch.stream().map(Pending::routed).toList());
    } catch (StoreException e) {
      if (e.isTransient()) {
        throw retries.onTransientFailure(e);
      }
      out = e.badEvents().isEmpty() ? writeOneByOne(batch) : reportBad(batch, e);
    }
    retries.succeeded();
    replies.accept(out);
  }

  /** The store named the events whose data failed; every other event landed. */
  private List<LookupReply> reportBad(List<Pending<A>> batch, StoreException e) {
    e.badEvents()
        .forEach(
            (i, reason) ->
                badRecords.report(batch.get(i).record(), new StoreException(reason, null, false)));
    return e.landedReplies();
  }

  /**
   * Finds the records a failed batch cannot hold; the others land, each as its own unit, in order.
   */
  private List<LookupReply> writeOneByOne(List<Pending<A>> batch) {
    List<LookupReply> out = new ArrayList<>();
    for (Pending<A> p : batch) {
      try {
        out.addAll(store.write(List.of(p.routed())));
      } catch (StoreException e) {
        if (e.isTransient()) {
          replies.accept(out);
          throw retries.onTransientFailure(e);
        }
        badRecords.report(p.record(), e);
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
