package io.mqttpersistence.connect.redis;

import static redis.clients.jedis.Protocol.Command.HSET;
import static redis.clients.jedis.Protocol.Command.PEXPIREAT;
import static redis.clients.jedis.Protocol.Command.ZADD;
import static redis.clients.jedis.Protocol.Command.ZREM;
import static redis.clients.jedis.Protocol.Command.ZREMRANGEBYSCORE;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.FunctionCatalogue;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.util.List;

/**
 * EMQX's Redis functions (reference 2.4) over its key layout. Where EMQX wrote unconditionally, the
 * scripts of {@link RedisScripts} write only what is not older than what the key holds, and expiry
 * is an absolute time (event time + {@code expired_time}), so replays and redeliveries change
 * nothing.
 */
final class RedisFunctions {
  /** EMQX's default {@code expired_time}, also used for values {@code <= 0}. */
  static final long DEFAULT_EXPIRY_SECONDS = 7200;

  private final MessageIdFormat ids;
  private final RedisLookups lookups;
  private final FunctionCatalogue<RedisAction> catalogue;

  RedisFunctions(MessageIdFormat ids) {
    this.ids = ids;
    this.lookups = new RedisLookups();
    this.catalogue =
        FunctionCatalogue.<RedisAction>builder("Redis")
            .add("on_client_connected", Hookpoint.CLIENT_CONNECTED, h -> this::clientConnected)
            .add(
                "on_client_disconnected",
                Hookpoint.CLIENT_DISCONNECTED,
                h -> this::clientDisconnected)
            .add(
                "on_subscribe_lookup",
                Hookpoint.CLIENT_CONNECTED,
                h -> lookup(lookups::subscriptions))
            .add("on_message_publish", Hookpoint.MESSAGE_PUBLISH, h -> publish(expiry(h)))
            .add("on_message_retain", Hookpoint.MESSAGE_PUBLISH, h -> retain(expiry(h)))
            .add("on_retain_delete", Hookpoint.MESSAGE_PUBLISH, h -> this::retainDelete)
            .add("on_retain_lookup", Hookpoint.SESSION_SUBSCRIBED, h -> lookup(lookups::retained))
            .add(
                "on_message_fetch_for_queue",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(lookups::fetchQueue))
            .add(
                "on_message_fetch_for_pubsub",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(lookups::fetchPubsub))
            .add(
                "on_message_fetch_for_keep_latest",
                Hookpoint.SESSION_SUBSCRIBED,
                h -> lookup(lookups::fetchLatest))
            .add("on_message_acked_for_queue", Hookpoint.MESSAGE_ACKED, h -> this::ackedForQueue)
            .add("on_message_acked_for_pubsub", Hookpoint.MESSAGE_ACKED, h -> this::ackedForPubsub)
            .add(
                "on_message_acked_for_keep_latest",
                Hookpoint.MESSAGE_ACKED,
                h -> this::ackedForLatest)
            .add(
                "on_message_store_keep_latest",
                Hookpoint.MESSAGE_PUBLISH,
                h -> storeLatest(expiry(h)))
            .build();
  }

  /** A lookup is an action whose isLookup() says so. */
  private static RedisAction lookup(RedisLookups.Lookup lookup) {
    return lookup;
  }

  RedisAction compile(HookSpec hook, String name) {
    return catalogue.compile(hook, name);
  }

  /**
   * {@code expired_time} of a hook, in seconds: EMQX's default 7200 when absent or not positive.
   */
  static long expiry(HookSpec hook) {
    Object v = hook.options().get("expired_time");
    long seconds;
    if (v instanceof Number n) {
      seconds = n.longValue();
    } else if (v instanceof String s && !s.isBlank()) {
      try {
        seconds = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new HookConfigException(
            hook.configKey(), "expired_time must be a number of seconds, not '" + s + "'");
      }
    } else if (v == null) {
      seconds = DEFAULT_EXPIRY_SECONDS;
    } else {
      throw new HookConfigException(hook.configKey(), "expired_time must be a number of seconds");
    }
    return seconds > 0 ? seconds : DEFAULT_EXPIRY_SECONDS;
  }

  private void clientConnected(BrokerEvent e, RedisPlan plan) {
    String at = Long.toString(e.timestampMs());
    plan.add(RedisCommand.script(RedisScripts.CLIENT_ONLINE, RedisKeys.client(e.clientid()), at));
    if (e.node() != null) {
      plan.add(
          RedisCommand.script(
              RedisScripts.NODE_ONLINE, RedisKeys.node(e.node()), e.clientid(), at));
    }
  }

  private void clientDisconnected(BrokerEvent e, RedisPlan plan) {
    String at = Long.toString(e.timestampMs());
    String connectedAt = e.connectedAtMs() == null ? "" : Long.toString(e.connectedAtMs());
    plan.add(
        RedisCommand.script(
            RedisScripts.CLIENT_OFFLINE, RedisKeys.client(e.clientid()), at, connectedAt));
    if (e.node() != null) {
      plan.add(
          RedisCommand.script(
              RedisScripts.NODE_OFFLINE, RedisKeys.node(e.node()), e.clientid(), connectedAt, at));
    }
  }

  /**
   * QoS 1/2: the message hash, its expiry and its place in the topic's zset (expired members are
   * purged by score now and then). A QoS 0 retained message gets only the hash, which its retained
   * pointer refers to.
   */
  private RedisAction publish(long expirySeconds) {
    return (e, plan) -> {
      if ((e.retain() && e.hasEmptyPayload()) || (e.qosOrZero() == 0 && !e.retain())) {
        return;
      }
      String msgid = msgid(e);
      storeHash(e, msgid, expirySeconds, plan);
      if (e.qosOrZero() > 0) {
        String zset = RedisKeys.topicMessages(e.topic());
        double score = StoredMessage.score(e);
        plan.add(RedisCommand.of(ZADD, zset, score(score), msgid));
        if (purgesExpired(e)) {
          plan.add(
              RedisCommand.of(
                  ZREMRANGEBYSCORE,
                  zset,
                  "-inf",
                  "(" + score(score - expirySeconds * 1_000_000.0)));
        }
      }
    };
  }

  private void storeHash(BrokerEvent e, String msgid, long expirySeconds, RedisPlan plan) {
    String key = RedisKeys.message(msgid);
    plan.add(
        RedisCommand.of(HSET, key, StoredMessage.fields(e, msgid)),
        RedisCommand.of(PEXPIREAT, key, Long.toString(expireAt(e, expirySeconds))));
  }

  /**
   * Retained, non-empty messages: the hash (so the pointer never dangles) and the topic's pointer.
   */
  private RedisAction retain(long expirySeconds) {
    return (e, plan) -> {
      if (!e.retain() || e.hasEmptyPayload()) {
        return;
      }
      String msgid = msgid(e);
      storeHash(e, msgid, expirySeconds, plan);
      plan.add(
          RedisCommand.script(
              RedisScripts.RETAIN,
              RedisKeys.retained(e.topic()),
              msgid,
              Long.toString(expireAt(e, expirySeconds))));
    };
  }

  /**
   * An empty retained message deletes an older retained pointer, then the message it pointed at
   * (leaving a tombstone, see {@link RedisScripts#RETAINED_MESSAGE_DELETE}).
   */
  private void retainDelete(BrokerEvent e, RedisPlan plan) {
    if (!e.retain() || !e.hasEmptyPayload()) {
      return;
    }
    plan.add(
        List.of(
            RedisCommand.script(
                RedisScripts.RETAIN_DELETE, RedisKeys.retained(e.topic()), msgid(e))),
        (replies, next) -> {
          String old = Replies.text(replies.get(0));
          if (old != null) {
            next.add(
                RedisCommand.script(RedisScripts.RETAINED_MESSAGE_DELETE, RedisKeys.message(old)));
          }
        });
  }

  private void ackedForQueue(BrokerEvent e, RedisPlan plan) {
    String msgid = msgid(e);
    plan.add(
        RedisCommand.script(
            RedisScripts.ACK_QUEUE,
            RedisKeys.message(msgid),
            Long.toString(DEFAULT_EXPIRY_SECONDS * 1000)),
        RedisCommand.of(ZREM, RedisKeys.topicMessages(e.topic()), msgid));
  }

  private void ackedForPubsub(BrokerEvent e, RedisPlan plan) {
    plan.add(
        RedisCommand.script(
            RedisScripts.ACK_PUBSUB, RedisKeys.cursor(e.clientid(), e.topic()), msgid(e)));
  }

  private void ackedForLatest(BrokerEvent e, RedisPlan plan) {
    plan.add(RedisCommand.script(RedisScripts.ACK_LATEST, RedisKeys.latest(e.topic()), msgid(e)));
  }

  /** Keep-latest mode: one hash per topic holding its newest message, every QoS. */
  private RedisAction storeLatest(long expirySeconds) {
    return (e, plan) -> {
      if (e.retain() && e.hasEmptyPayload()) {
        return;
      }
      String msgid = msgid(e);
      String[] fields = StoredMessage.fields(e, msgid);
      String[] args = new String[fields.length + 2];
      args[0] = msgid;
      args[1] = Long.toString(expireAt(e, expirySeconds));
      System.arraycopy(fields, 0, args, 2, fields.length);
      plan.add(RedisCommand.script(RedisScripts.STORE_LATEST, RedisKeys.latest(e.topic()), args));
    };
  }

  /**
   * Whether this publish also drops the topic's expired zset members: one publish in sixteen,
   * chosen by its id's last digit so a redelivery decides the same. A zset thus holds at most a few
   * expired ids beyond its live ones (fetches skip and drop those too), for a quarter fewer
   * commands per publish.
   */
  private static boolean purgesExpired(BrokerEvent e) {
    String hex = e.messageIdHex();
    return hex == null || hex.length() != 32 || hex.charAt(31) == '0';
  }

  private static long expireAt(BrokerEvent e, long expirySeconds) {
    return Math.addExact(e.timestampMs(), Math.multiplyExact(expirySeconds, 1000L));
  }

  private static String score(double score) {
    return Long.toString((long) score);
  }

  private String msgid(BrokerEvent e) {
    return ids.encode(e.requireMessageId());
  }
}
