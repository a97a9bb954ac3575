package io.mqttpersistence.connect.redis;

import static redis.clients.jedis.Protocol.Command.GET;
import static redis.clients.jedis.Protocol.Command.HGETALL;
import static redis.clients.jedis.Protocol.Command.SET;
import static redis.clients.jedis.Protocol.Command.ZRANGE;
import static redis.clients.jedis.Protocol.Command.ZRANGEBYSCORE;
import static redis.clients.jedis.Protocol.Command.ZREM;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The lookups: each reads in batch order (the pipeline before it has run) and answers one client.
 * Fetches run for QoS 1/2 subscriptions only, as EMQX's did, and always deliver oldest first.
 */
final class RedisLookups {
  /** Lookup actions answer on the reply topic; this marks them for the config check. */
  @FunctionalInterface
  interface Lookup extends RedisAction {
    @Override
    default boolean isLookup() {
      return true;
    }
  }

  /** on_subscribe_lookup: the client's mqtt:sub hash, QoS clamped to 0..2 as EMQX 4.4 does. */
  void subscriptions(BrokerEvent e, RedisPlan plan) {
    plan.add(
        List.of(RedisCommand.of(HGETALL, RedisKeys.subscriptions(e.clientid()))),
        (replies, next) -> {
          List<Map<String, Object>> subs = new ArrayList<>();
          Replies.hash(replies.get(0))
              .forEach(
                  (topic, qos) -> {
                    Map<String, Object> sub = new LinkedHashMap<>();
                    sub.put("topic", topic);
                    sub.put("qos", clampQos(qos));
                    subs.add(sub);
                  });
          new LookupReply(LookupReply.SUBSCRIBE, e.clientid(), "on_subscribe_lookup", null, subs)
              .ifFound()
              .ifPresent(next::reply);
        });
  }

  /** on_retain_lookup: the message the topic's retained pointer names, flagged retained. */
  void retained(BrokerEvent e, RedisPlan plan) {
    plan.add(
        List.of(RedisCommand.of(GET, RedisKeys.retained(e.topic()))),
        (replies, next) -> {
          String msgid = Replies.text(replies.get(0));
          if (msgid != null) {
            deliver(e, "on_retain_lookup", List.of(msgid), true, next);
          }
        });
  }

  /**
   * on_message_fetch_for_queue: every message still in the topic's zset, dropping ids whose hash is
   * gone.
   */
  void fetchQueue(BrokerEvent e, RedisPlan plan) {
    if (e.qosOrZero() == 0) {
      return;
    }
    plan.add(
        List.of(RedisCommand.of(ZRANGE, RedisKeys.topicMessages(e.topic()), "0", "-1")),
        (replies, next) ->
            deliver(e, "on_message_fetch_for_queue", Replies.texts(replies.get(0)), false, next));
  }

  /**
   * on_message_fetch_for_pubsub: a first subscription sets the client's cursor to the newest
   * message and delivers nothing, as EMQX did; later ones deliver what was published after the
   * cursor's message. The cursor is read as a time, so a cursor whose message has expired still
   * finds what came after it (EMQX delivered nothing then).
   */
  void fetchPubsub(BrokerEvent e, RedisPlan plan) {
    if (e.qosOrZero() == 0) {
      return;
    }
    String cursorKey = RedisKeys.cursor(e.clientid(), e.topic());
    String zset = RedisKeys.topicMessages(e.topic());
    plan.add(
        List.of(RedisCommand.of(GET, cursorKey), RedisCommand.of(ZRANGE, zset, "-1", "-1")),
        (replies, next) -> {
          String cursor = Replies.text(replies.get(0));
          if (cursor == null) {
            List<String> newest = Replies.texts(replies.get(1));
            next.add(RedisCommand.of(SET, cursorKey, newest.isEmpty() ? "0" : newest.get(0), "NX"));
            return;
          }
          OptionalLong after = MessageIdFormat.microsOf(cursor);
          String min = after.isPresent() ? "(" + after.getAsLong() : "-inf";
          next.add(
              List.of(RedisCommand.of(ZRANGEBYSCORE, zset, min, "+inf")),
              (found, then) ->
                  deliver(
                      e, "on_message_fetch_for_pubsub", Replies.texts(found.get(0)), false, then));
        });
  }

  /** on_message_fetch_for_keep_latest: the topic's latest message. */
  void fetchLatest(BrokerEvent e, RedisPlan plan) {
    if (e.qosOrZero() == 0) {
      return;
    }
    plan.add(
        List.of(RedisCommand.of(HGETALL, RedisKeys.latest(e.topic()))),
        (replies, next) -> {
          Map<String, String> hash = Replies.hash(replies.get(0));
          if (StoredMessage.isDeliverable(hash)) {
            next.reply(
                new LookupReply(
                    LookupReply.DELIVER,
                    e.clientid(),
                    "on_message_fetch_for_keep_latest",
                    e.topic(),
                    List.of(StoredMessage.replyItem(hash, false))));
          }
        });
  }

  /**
   * Reads the messages' hashes and answers with those still there, in the given (ascending) order.
   */
  private void deliver(
      BrokerEvent e, String function, List<String> msgids, boolean retained, RedisPlan plan) {
    if (msgids.isEmpty()) {
      return;
    }
    List<RedisCommand> reads = new ArrayList<>(msgids.size());
    for (String id : msgids) {
      reads.add(RedisCommand.of(HGETALL, RedisKeys.message(id)));
    }
    plan.add(
        reads,
        (hashes, next) -> {
          List<Map<String, Object>> messages = new ArrayList<>();
          List<String> gone = new ArrayList<>();
          for (int i = 0; i < msgids.size(); i++) {
            Map<String, String> hash = Replies.hash(hashes.get(i));
            if (StoredMessage.isDeliverable(hash)) {
              messages.add(StoredMessage.replyItem(hash, retained));
            } else if (!retained) {
              gone.add(msgids.get(i));
            }
          }
          if (!gone.isEmpty()) {
            next.add(
                RedisCommand.of(
                    ZREM, RedisKeys.topicMessages(e.topic()), gone.toArray(String[]::new)));
          }
          new LookupReply(LookupReply.DELIVER, e.clientid(), function, e.topic(), messages)
              .ifFound()
              .ifPresent(next::reply);
        });
  }

  private static int clampQos(String qos) {
    try {
      return Math.max(0, Math.min(2, Integer.parseInt(qos.trim())));
    } catch (NumberFormatException | NullPointerException e) {
      return 0;
    }
  }
}
