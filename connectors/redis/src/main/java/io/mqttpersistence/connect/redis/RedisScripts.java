package io.mqttpersistence.connect.redis;

import java.util.List;

/**
 * The scripts that make EMQX's key layout order-safe: each compares event times (or message ids,
 * which begin with the broker's microsecond clock) with what the key holds, and writes only when
 * the event is not older. Each touches one key.
 */
final class RedisScripts {
  private RedisScripts() {}

  /**
   * mqtt:client:{clientid}; ARGV: online_at (ms). Online unless the hash records a newer connection
   * or a disconnect after this connect; either way online_at becomes the latest connect time known,
   * so the final hash does not depend on the order connects and disconnects arrive in.
   */
  static final RedisScript CLIENT_ONLINE =
      RedisScript.of(
          "client_online",
          """
      local on = tonumber(redis.call('HGET', KEYS[1], 'online_at'))
      local off = tonumber(redis.call('HGET', KEYS[1], 'offline_at'))
      local t = tonumber(ARGV[1])
      if (on == nil or on <= t) and (off == nil or off < t or (off == t and (on == nil or on < t))) then
        redis.call('HSET', KEYS[1], 'state', '1', 'online_at', ARGV[1], 'offline_at', 'undefined')
        return 1
      end
      if on == nil or on < t then redis.call('HSET', KEYS[1], 'online_at', ARGV[1]) end
      return 0
      """);

  /**
   * mqtt:client:{clientid}; ARGV: offline_at (ms), connected_at of the ended connection (ms, or
   * empty). Offline unless the hash records a newer connection than the one that ended; a known
   * connected_at newer than the hash's online_at becomes it (that connection's own connect may
   * still be on its way).
   */
  static final RedisScript CLIENT_OFFLINE =
      RedisScript.of(
          "client_offline",
          """
      local on = tonumber(redis.call('HGET', KEYS[1], 'online_at'))
      local off = tonumber(redis.call('HGET', KEYS[1], 'offline_at'))
      local t = tonumber(ARGV[1])
      local ended = tonumber(ARGV[2])
      local c = ended or t
      local applied = 0
      if (off == nil or off <= t) and (on == nil or on <= c) then
        redis.call('HSET', KEYS[1], 'state', '0', 'offline_at', ARGV[1])
        applied = 1
      end
      if ended ~= nil and (on == nil or on < ended) then
        redis.call('HSET', KEYS[1], 'online_at', ARGV[2])
      end
      return applied
      """);

  /** mqtt:node:{node}; ARGV: clientid, connected at (ms). Keeps the newest connection's time. */
  static final RedisScript NODE_ONLINE =
      RedisScript.of(
          "node_online",
          """
      local s = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
      if s == nil or s <= tonumber(ARGV[2]) then
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
      end
      return 0
      """);

  /**
   * mqtt:node:{node}; ARGV: clientid, connected_at of the ended connection (ms), offline_at (ms).
   */
  static final RedisScript NODE_OFFLINE =
      RedisScript.of(
          "node_offline",
          """
      local s = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
      local c = tonumber(ARGV[2]) or tonumber(ARGV[3])
      if s ~= nil and s <= c then
        redis.call('HDEL', KEYS[1], ARGV[1])
        return 1
      end
      return 0
      """);

  /** mqtt:retain:{topic}; ARGV: msgid, expire at (ms). Points at the newest retained message. */
  static final RedisScript RETAIN =
      RedisScript.of(
          "retain",
          """
      local old = redis.call('GET', KEYS[1])
      if (not old) or old == ARGV[1] or newer(ARGV[1], old) then
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """);

  /**
   * mqtt:retain:{topic}; ARGV: msgid of the empty retained message. Deletes an older pointer and
   * returns the id it held, so that its message hash can go too.
   */
  static final RedisScript RETAIN_DELETE =
      RedisScript.of(
          "retain_delete",
          """
      local old = redis.call('GET', KEYS[1])
      if old and newer(ARGV[1], old) then
        redis.call('DEL', KEYS[1])
        return old
      end
      return false
      """);

  /**
   * mqtt:msg:{msgid} of a retained message an empty retained message cleared: the hash becomes a
   * tombstone ({@code deleted} field) for the rest of its life instead of going, so that a publish
   * of it redelivered later (Kafka delivers at least once; a replay delivers everything again)
   * cannot bring it back; fetches and lookups skip tombstones. A hash that is already gone stays
   * gone.
   */
  static final RedisScript RETAINED_MESSAGE_DELETE =
      RedisScript.of(
          "retained_message_delete",
          """
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('HSET', KEYS[1], 'deleted', '1')
        return 1
      end
      return 0
      """);

  /**
   * mqtt:msg:{msgid}; ARGV: how long a tombstone lives when the message is not there (ms). Queue
   * mode: the first ack consumes the message for everyone. The hash becomes a tombstone ({@code
   * acked} field) for the rest of the message's life, so that a publish redelivered after the ack,
   * or one the ack overtook, cannot bring it back; fetches skip tombstones.
   */
  static final RedisScript ACK_QUEUE =
      RedisScript.of(
          "ack_queue",
          """
      if redis.call('HEXISTS', KEYS[1], 'acked') == 1 then return 0 end
      local ttl = redis.call('PTTL', KEYS[1])
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'acked', '1')
      if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) else redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return 1
      """);

  /**
   * mqtt:acked:{clientid}:{topic}; ARGV: msgid. Pubsub mode: the read cursor only moves forward.
   */
  static final RedisScript ACK_PUBSUB =
      RedisScript.of(
          "ack_pubsub",
          """
      local old = redis.call('GET', KEYS[1])
      if (not old) or newer(ARGV[1], old) then
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
      end
      return 0
      """);

  /** mqtt:latest_msg:{topic}; ARGV: msgid, expire at (ms), then the message's field/value pairs. */
  static final RedisScript STORE_LATEST =
      RedisScript.of(
          "store_latest",
          """
      local old = redis.call('HGET', KEYS[1], 'id')
      if (not old) or old == ARGV[1] or newer(ARGV[1], old) then
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """);

  /**
   * mqtt:latest_msg:{topic}; ARGV: acked msgid. An ack consumes the latest message unless a newer
   * one replaced it.
   */
  static final RedisScript ACK_LATEST =
      RedisScript.of(
          "ack_latest",
          """
      local old = redis.call('HGET', KEYS[1], 'id')
      if old and not newer(old, ARGV[1]) then
        redis.call('DEL', KEYS[1])
        return 1
      end
      return 0
      """);

  static final List<RedisScript> ALL =
      List.of(
          CLIENT_ONLINE,
          CLIENT_OFFLINE,
          NODE_ONLINE,
          NODE_OFFLINE,
          RETAIN,
          RETAIN_DELETE,
          RETAINED_MESSAGE_DELETE,
          ACK_QUEUE,
          ACK_PUBSUB,
          STORE_LATEST,
          ACK_LATEST);
}
