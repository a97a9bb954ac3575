package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.List;

/** What the benchmark needs from inside the Redis connector (same package, benchmark only). */
public final class RedisBenchAccess {
  private RedisBenchAccess() {}

  public static SinkDefinition<RedisAction, RedisSinkConfig> definition() {
    return RedisSinkConnector.DEFINITION;
  }

  /**
   * A store that does everything up to the socket: plans each batch, which builds every command's
   * arguments, then drops them. Lookups stop at their first step, since no replies come back.
   */
  public static EventStore<RedisAction> storeWithoutServer() {
    return new EventStore<>() {
      private long arguments;

      @Override
      public List<LookupReply> write(List<RoutedEvent<RedisAction>> events) throws StoreException {
        RedisPlan plan = new RedisPlan();
        RoutedEvents.planEach(events, (event, action) -> action.plan(event, plan));
        for (RedisPlan.Step step : plan.steps()) {
          for (RedisCommand c : step.commands()) {
            arguments += c.arguments().size();
          }
        }
        return List.of();
      }

      @Override
      public void close() {
        if (arguments < 0) {
          throw new IllegalStateException("unreachable; keeps the work from being optimised away");
        }
      }
    };
  }
}
