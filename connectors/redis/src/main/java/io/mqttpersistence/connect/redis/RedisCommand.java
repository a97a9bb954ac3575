package io.mqttpersistence.connect.redis;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * One command of a batch, its Jedis arguments built once when planned. Its first argument after the
 * name is its key, which routes it in a cluster; scripts are called by SHA (the store loads them
 * first).
 */
record RedisCommand(CommandArguments arguments) {

  static RedisCommand of(ProtocolCommand command, String key, String... args) {
    CommandArguments a = new CommandArguments(command).key(key);
    for (String arg : args) {
      a.add(arg);
    }
    return new RedisCommand(a);
  }

  static RedisCommand script(RedisScript script, String key, String... args) {
    CommandArguments a =
        new CommandArguments(Protocol.Command.EVALSHA).add(script.sha()).add(1).key(key);
    for (String arg : args) {
      a.add(arg);
    }
    return new RedisCommand(a);
  }
}
