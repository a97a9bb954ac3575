package io.mqttpersistence.connect.common.testing;

import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.time.Duration;
import java.util.List;

/**
 * The generated stream the fault suites run (deterministic by seed; clients whose connects,
 * disconnects and acks land on other partitions than their publishes) and its model. {@code
 * -Dfaults.events} sets its length: 3000 in the test command, 100,000 under {@code -Preliability}.
 */
final class FaultStream {
  static final int EVENTS = Integer.getInteger("faults.events", 3000);

  private FaultStream() {}

  /**
   * How long a scenario may take to reach the model: 3 minutes, plus a minute per 12,000 events.
   */
  static Duration timeout() {
    return Duration.ofMinutes(3).plusSeconds(EVENTS / 200);
  }

  static List<StreamGenerator.Keyed> of(long seed) {
    return new StreamGenerator(seed, 12, true, System.currentTimeMillis() - 3_600_000)
        .generate(EVENTS);
  }

  /** What the store must hold once it has applied {@code stream}, from EMQX's semantics. */
  static Snapshot model(StoreUnderTest store, List<StreamGenerator.Keyed> stream) {
    return ExpectedState.of(
        StreamGenerator.events(stream), store.rules(), MessageIdFormat.BASE62, false);
  }
}
