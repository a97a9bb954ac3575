package io.mqttpersistence.connect.mongo;

import com.mongodb.client.MongoDatabase;
import io.mqttpersistence.bench.PlanOnlyStore;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;

/** What the benchmark needs from inside the Mongo connector (same package, benchmark only). */
public final class MongoBenchAccess {
  private MongoBenchAccess() {}

  public static SinkDefinition<MongoAction, MongoSinkConfig> definition() {
    return MongoSinkConnector.DEFINITION;
  }

  /** The collections and indexes the connector creates, so baselines write under the same rules. */
  public static void createSchema(MongoDatabase db) {
    MongoSchema.create(db);
  }

  /** A store that plans each batch (every op built) and drops the ops. */
  public static EventStore<MongoAction> storeWithoutServer() {
    return PlanOnlyStore.of(MongoPlan::new, MongoAction::plan);
  }
}
