package io.mqttpersistence.connect.redis;

import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;

/** One command of a batch. Its first argument after the name is its key, which routes it in a cluster. */
sealed interface RedisCommand {

  /** The arguments to send; scripts go by SHA (the store loads them first). */
  CommandArguments arguments();

  static RedisCommand of(ProtocolCommand command, String key, String... args) {
    return new Plain(command, key, List.of(args));
  }

  static RedisCommand script(RedisScript script, String key, String... args) {
    return new Script(script, key, List.of(args));
  }

  record Plain(ProtocolCommand command, String key, List<String> args) implements RedisCommand {
    @Override
    public CommandArguments arguments() {
      CommandArguments a = new CommandArguments(command);
      if (key != null) {
        a.key(key);
      }
      for (String arg : args) {
        a.add(arg);
      }
      return a;
    }
  }

  record Script(RedisScript script, String key, List<String> args) implements RedisCommand {
    @Override
    public CommandArguments arguments() {
      CommandArguments a = new CommandArguments(Protocol.Command.EVALSHA).add(script.sha()).add(1).key(key);
      for (String arg : args) {
        a.add(arg);
      }
      return a;
    }
  }
}
