package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.mqttpersistence.bench.PlanOnlyStore;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import java.util.List;

/** What the benchmark needs from inside the Cassandra connector (same package, benchmark only). */
public final class CassandraBenchAccess {
  private CassandraBenchAccess() {}

  public static SinkDefinition<CassandraAction, CassandraSinkConfig> definition() {
    return CassandraSinkConnector.DEFINITION;
  }

  /** The keyspace and tables the connector creates, so baselines write the same rows. */
  public static void createSchema(CqlSession session, String keyspace) {
    CassandraSchema.create(session, keyspace);
  }

  /** The statements on_message_publish prepares: the msg row and its timeline entry. */
  public static List<String> publishStatements() {
    return List.of(CassandraCql.INSERT_MSG, CassandraCql.INSERT_TIMELINE);
  }

  /** A store that plans each batch (every op built) and drops the ops. */
  public static EventStore<CassandraAction> storeWithoutServer() {
    return PlanOnlyStore.of(CassandraPlan::new, CassandraAction::plan);
  }
}
