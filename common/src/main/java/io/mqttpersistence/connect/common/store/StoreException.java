package io.mqttpersistence.connect.common.store;

import java.util.List;
import java.util.Map;

/**
 * A failed write, classified by the store: transient failures (connection lost, failover, deadlock)
 * are retried with backoff; the others are blamed on the data and isolated record by record.
 */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean transientFailure;

  /** When the store knows which events' data failed: their places in the batch, and why. */
  private final transient Map<Integer, String> badEvents;

  /** With {@link #badEvents}: the replies of the lookups of the events that landed. */
  private final transient List<LookupReply> landedReplies;

  public StoreException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
    this.badEvents = Map.of();
    this.landedReplies = List.of();
  }

  /**
   * A data failure of some events of a batch, which the store could tell apart (a bulk write names
   * each failed operation), while every other event of the batch landed.
   *
   * @param badEvents positions in the batch given to {@link EventStore#write}, with their reasons
   * @param landedReplies what the lookups of the other events answered, in event order
   */
  public StoreException(
      String message, Map<Integer, String> badEvents, List<LookupReply> landedReplies) {
    super(message);
    this.transientFailure = false;
    this.badEvents = Map.copyOf(badEvents);
    this.landedReplies = List.copyOf(landedReplies);
  }

  /** With {@link #badEvents}: the replies of the events that landed. */
  public List<LookupReply> landedReplies() {
    return landedReplies;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /** The events whose data failed, by position in the batch; empty when the store cannot tell. */
  public Map<Integer, String> badEvents() {
    return badEvents;
  }
}
