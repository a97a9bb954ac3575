package io.mqttpersistence.connect.common.store;

import java.util.List;

/**
 * A database connector's writer: applies the actions of a batch of routed events as one unit, in
 * event order, so that the end state equals applying the events one by one.
 *
 * @param <A> the connector's compiled action type
 */
public interface EventStore<A> extends AutoCloseable {

  /**
   * Applies all events or none of them.
   *
   * @return the replies of the lookups the actions ran, in event order
   * @throws StoreException classified as transient (retry the batch) or not (some event's data is
   *     bad)
   */
  List<LookupReply> write(List<RoutedEvent<A>> events) throws StoreException;

  /**
   * Called when a put brings nothing to write (Connect calls put on every poll, records or not):
   * the place for work that must follow a batch after other tasks' concurrent transactions have
   * committed. It must not throw: a store retries such work itself.
   */
  default void idle() {}

  @Override
  void close();
}
