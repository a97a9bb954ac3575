package io.mqttpersistence.connect.mongo;

import com.mongodb.client.MongoDatabase;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import java.util.List;

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

  /** A store that plans each batch (every document built) and drops the ops. */
  public static EventStore<MongoAction> storeWithoutServer() {
    return new EventStore<>() {
      private long ops;

      @Override
      public List<LookupReply> write(List<RoutedEvent<MongoAction>> events) {
        MongoPlan plan = new MongoPlan();
        RoutedEvents.planEachIndexed(
            events,
            (index, event, action) -> {
              plan.startEvent(index);
              action.plan(event, plan);
            });
        ops += plan.ops().size();
        return List.of();
      }

      @Override
      public void close() {
        if (ops < 0) {
          throw new IllegalStateException("unreachable; keeps the work from being optimised away");
        }
      }
    };
  }
}
