package io.mqttpersistence.bench;

import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * One database under the benchmark: its connector, its server, and its baselines for the same rows.
 */
interface Target extends AutoCloseable {
  String name();

  /** Server and driver versions, for the results. */
  String versions() throws Exception;

  /** Connection keys of the connector. */
  Map<String, String> connection();

  String connectorClass();

  SinkTask newTask();

  SinkDefinition<?, ? extends EventSinkConfig> definition();

  /** The connector's store doing everything but I/O. */
  EventStore<?> storeWithoutIo();

  /** Creates what is missing and empties what the connector writes. */
  void reset() throws Exception;

  /** How many published messages are stored, to check a run landed everything. */
  long storedMessages() throws Exception;

  /** The best loader the driver allows, no Kafka: events/s for these rows. */
  double limit(List<Workload.Row> rows) throws Exception;

  /** EMQX 4's pattern: one statement (or command) per event through the pool. */
  double emqx4(List<Workload.Row> rows) throws Exception;

  /** EMQX 5's pattern: fixed batches of 100. */
  double emqx5(List<Workload.Row> rows) throws Exception;

  @Override
  void close();

  /** Whether {@link #fillHistory} is supported. */
  default boolean hasHistory() {
    return false;
  }

  /**
   * Fills the emptied store with {@code rows} messages of history (days of an EMQX user's traffic
   * on the workload's topics), a cursor per ten and an ack whose message never came per hundred.
   */
  default void fillHistory(int rows) throws Exception {
    throw new UnsupportedOperationException(name() + " has no history to fill");
  }
}
