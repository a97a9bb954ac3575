package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.connect.common.store.LookupReply;
import io.mqttpersistence.connect.common.store.RoutedEvent;
import io.mqttpersistence.connect.common.store.RoutedEvents;
import io.mqttpersistence.connect.common.store.StoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.ListIterator;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs a batch as few pipelines as its lookups allow: every command up to the next step that needs
 * its replies goes in one pipeline (split per node by the cluster client), in event order, so the
 * keys end as if the events were applied one by one. Redis has no rollback; a batch that fails is
 * retried whole, which the functions' idempotent writes make harmless.
 */
final class RedisEventStore implements EventStore<RedisAction> {
  private final UnifiedJedis client;
  private final int waitReplicas;
  private final int waitTimeoutMs;

  /**
   * Cleared after a NOSCRIPT reply (a restart or failover emptied a script cache), so they load
   * again.
   */
  private boolean scriptsLoaded;

  /**
   * @param waitReplicas replicas each pipeline's writes must reach before the batch counts as
   *     written (0: the master's reply suffices)
   */
  RedisEventStore(UnifiedJedis client, int waitReplicas, int waitTimeoutMs) {
    this.client = client;
    this.waitReplicas = waitReplicas;
    this.waitTimeoutMs = waitTimeoutMs;
  }

  @Override
  public List<LookupReply> write(List<RoutedEvent<RedisAction>> events) throws StoreException {
    RedisPlan plan = new RedisPlan();
    RoutedEvents.planEach(events, (event, action) -> action.plan(event, plan));
    if (plan.isEmpty()) {
      return List.of();
    }
    loadScripts();
    return execute(plan);
  }

  /**
   * SCRIPT LOAD of every script, on every master of a cluster, so pipelines can call them by SHA.
   */
  private void loadScripts() throws StoreException {
    if (scriptsLoaded) {
      return;
    }
    try {
      for (RedisScript script : RedisScripts.ALL) {
        client.scriptLoad(script.text());
      }
      scriptsLoaded = true;
    } catch (JedisException e) {
      throw RedisErrors.classify("could not load the connector's scripts into Redis", e);
    }
  }

  private List<LookupReply> execute(RedisPlan plan) throws StoreException {
    List<LookupReply> replies = new ArrayList<>(plan.replies());
    Deque<RedisPlan.Step> queue = new ArrayDeque<>(plan.steps());
    while (!queue.isEmpty()) {
      List<List<Response<Object>>> sent = new ArrayList<>();
      RedisPlan.Step last;
      try (AbstractPipeline pipeline = client.pipelined()) {
        do {
          last = queue.poll();
          List<Response<Object>> responses = new ArrayList<>(last.commands().size());
          for (RedisCommand c : last.commands()) {
            responses.add(pipeline.sendCommand(c.arguments()));
          }
          sent.add(responses);
        } while (last.then() == null && !queue.isEmpty());
        // WAIT counts the replicas that hold this connection's writes, so it rides in the same
        // pipeline (one connection) as the writes it confirms.
        Response<Object> replicated =
            waitReplicas > 0
                ? pipeline.sendCommand(
                    Protocol.Command.WAIT,
                    Integer.toString(waitReplicas),
                    Integer.toString(waitTimeoutMs))
                : null;
        pipeline.sync();
        if (replicated != null) {
          confirmReplicated(replicated);
        }
      } catch (JedisException e) {
        throw failure(e);
      }
      List<Object> lastReplies = List.of();
      for (List<Response<Object>> responses : sent) {
        lastReplies = values(responses);
      }
      if (last.then() != null) {
        RedisPlan next = new RedisPlan();
        last.then().onReplies(lastReplies, next);
        replies.addAll(next.replies());
        for (ListIterator<RedisPlan.Step> it = next.steps().listIterator(next.steps().size());
            it.hasPrevious(); ) {
          queue.addFirst(it.previous());
        }
      }
    }
    return replies;
  }

  private void confirmReplicated(Response<Object> replicated) throws StoreException {
    long replicas = ((Number) replicated.get()).longValue();
    if (replicas < waitReplicas) {
      throw new StoreException(
          "only "
              + replicas
              + " of the "
              + waitReplicas
              + " replicas redis.wait.replicas asks for confirmed the batch's writes within "
              + waitTimeoutMs
              + " ms",
          null,
          true);
    }
  }

  /** The replies in order; the first error reply fails the batch. */
  private List<Object> values(List<Response<Object>> responses) throws StoreException {
    List<Object> values = new ArrayList<>(responses.size());
    for (Response<Object> r : responses) {
      try {
        values.add(r.get());
      } catch (JedisException e) {
        throw failure(e);
      }
    }
    return values;
  }

  private StoreException failure(JedisException e) {
    if (RedisErrors.lostScripts(e)) {
      scriptsLoaded = false;
    }
    return RedisErrors.classify("Redis pipeline failed", e);
  }

  @Override
  public void close() {
    client.close();
  }
}
