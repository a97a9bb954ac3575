package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.store.StoreException;
import java.io.IOException;
import java.util.Set;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Transient Redis failures (worth retrying the batch) against data errors (to be isolated to a
 * record): lost connections, cluster redirections and reconfiguration, a server loading its data or
 * failing over are transient; WRONGTYPE, syntax and cross-slot errors are the data's.
 */
final class RedisErrors {
  /** Error reply prefixes that a retry after a short wait can get past. */
  private static final Set<String> TRANSIENT_REPLIES =
      Set.of(
          "LOADING",
          "TRYAGAIN",
          "CLUSTERDOWN",
          "READONLY",
          "MASTERDOWN",
          "NOREPLICAS",
          "BUSY",
          "NOSCRIPT",
          "MOVED",
          "ASK",
          "UNBLOCKED",
          "OOM");

  private RedisErrors() {}

  static StoreException classify(String what, RuntimeException e) {
    return new StoreException(what + ": " + e.getMessage(), e, isTransient(e));
  }

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JedisConnectionException
          || t instanceof JedisClusterOperationException
          || t instanceof JedisRedirectionException
          || t instanceof JedisBusyException
          || t instanceof JedisNoScriptException
          || t instanceof IOException) {
        return true;
      }
      if (t instanceof JedisDataException && t.getMessage() != null) {
        String first = t.getMessage().split(" ", 2)[0];
        if (TRANSIENT_REPLIES.contains(first)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the server has forgotten a script, so the retry should send scripts by text. */
  static boolean lostScripts(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JedisNoScriptException
          || (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"))) {
        return true;
      }
    }
    return false;
  }
}
