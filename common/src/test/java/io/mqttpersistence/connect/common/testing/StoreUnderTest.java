package io.mqttpersistence.connect.common.testing;

import java.util.Map;

/**
 * A connector and the store its tests read back, as a suite written once sees every database: how
 * to point the connector at an empty place in the store, which hooks write what a {@link Snapshot}
 * reads, and how to read that place back.
 */
public interface StoreUnderTest extends AutoCloseable {

  /** The connector's short name: "pgsql", "redis", ... */
  String name();

  String connectorClass();

  /**
   * Empties the place the tests write to (a new database, a flushed one) and returns the keys that
   * point the connector at it.
   */
  Map<String, String> freshStore() throws Exception;

  /**
   * The hooks that write what a snapshot reads: connects, disconnects, QoS 1/2 publishes, retained
   * messages and their deletes, and the ack cursor.
   */
  Map<String, String> writeHooks();

  /** Reads back the place {@link #freshStore} prepared. */
  Snapshot snapshot() throws Exception;

  /**
   * Keys that make the connector log in to the place {@link #freshStore} prepared with {@code
   * secret} as its password, the store made to accept it: what the secrets checks look for in logs
   * and REST. Empty when the test store has no password to give.
   */
  default Map<String, String> credentials(String secret) throws Exception {
    return Map.of();
  }

  /** Where this store keeps EMQX's own differences from the common model. */
  default StoreRules rules() {
    return StoreRules.SQL;
  }

  @Override
  default void close() throws Exception {}
}
