package io.mqttpersistence.connect.redis;

import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;

/** One command of a batch. Its first argument after the name is its key, which routes it in a cluster. */
sealed interface RedisCommand {

  /** The arguments to send; scripts by text when the server may have lost its script cache. */
  CommandArguments arguments(boolean scriptsByText);

  static RedisCommand of(ProtocolCommand command, String key, String... args) {
    return new Plain(command, key, List.of(args));
  }

  static RedisCommand script(RedisScript script, String key, String... args) {
    return new Script(script, key, List.of(args));
  }

  record Plain(ProtocolCommand command, String key, List<String> args) implements RedisCommand {
    @Override
    public CommandArguments arguments(boolean scriptsByText) {
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
    public CommandArguments arguments(boolean scriptsByText) {
      CommandArguments a = scriptsByText
          ? new CommandArguments(Protocol.Command.EVAL).add(script.text())
          : new CommandArguments(Protocol.Command.EVALSHA).add(script.sha());
      a.add(1).key(key);
      for (String arg : args) {
        a.add(arg);
      }
      return a;
    }
  }
}
