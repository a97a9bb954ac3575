package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.template.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * A hook's {@code commands} list, as EMQX ran it: each command is split into arguments on spaces
 * when the connector starts, and only then are placeholders filled in, so a value with spaces,
 * quotes or newlines is always exactly one argument. The first argument after the command name is
 * the key (it routes the command in a cluster); {@code ${message}} as a whole argument expands to
 * the message's field/value pairs. A leading {@code pipeline} entry is accepted: every batch is
 * pipelined anyway.
 */
final class RawCommandsAction implements RedisAction {
  private static final String MESSAGE = "${message}";

  /** One argument: a template, or the {@code ${message}} expansion (null template). */
  private record Argument(Template template) {}

  private record Compiled(ProtocolCommand command, Argument key, List<Argument> args) {}

  private final List<Compiled> commands;
  private final MessageIdFormat ids;

  private RawCommandsAction(List<Compiled> commands, MessageIdFormat ids) {
    this.commands = List.copyOf(commands);
    this.ids = ids;
  }

  static RawCommandsAction compile(
      String configKey, List<String> sources, Placeholders placeholders, MessageIdFormat ids) {
    List<Compiled> out = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String source = sources.get(i).trim();
      if (i == 0 && source.equalsIgnoreCase("pipeline")) {
        continue;
      }
      String[] tokens = source.split(" +", -1);
      if (source.isEmpty() || tokens.length < 2) {
        throw new HookConfigException(
            configKey, "a command needs a name and a key: '" + source + "'");
      }
      if (tokens[0].contains("${")) {
        throw new HookConfigException(
            configKey, "the command name cannot be a placeholder: '" + source + "'");
      }
      if (tokens[1].equals(MESSAGE)) {
        throw new HookConfigException(
            configKey, "${message} expands to many arguments; it cannot be the key");
      }
      List<Argument> args = new ArrayList<>();
      try {
        for (int t = 2; t < tokens.length; t++) {
          args.add(
              new Argument(
                  tokens[t].equals(MESSAGE)
                      ? null
                      : Template.compile(tokens[t], "", placeholders)));
        }
        out.add(
            new Compiled(
                command(tokens[0]),
                new Argument(Template.compile(tokens[1], "", placeholders)),
                args));
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(configKey, e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new HookConfigException(configKey, "no commands");
    }
    return new RawCommandsAction(out, ids);
  }

  private static ProtocolCommand command(String name) {
    try {
      return Protocol.Command.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notBuiltIn) {
      byte[] raw = name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
      return () -> raw; // a module's command, e.g. JSON.SET
    }
  }

  @Override
  public void plan(BrokerEvent event, RedisPlan plan) {
    RedisCommand[] out = new RedisCommand[commands.size()];
    for (int i = 0; i < out.length; i++) {
      Compiled c = commands.get(i);
      List<String> args = new ArrayList<>();
      for (Argument a : c.args()) {
        if (a.template() == null) {
          String msgid = event.messageIdHex() == null ? "" : ids.encode(event.messageIdHex());
          args.addAll(List.of(StoredMessage.fields(event, msgid)));
        } else {
          args.add(a.template().render(event));
        }
      }
      out[i] =
          RedisCommand.of(
              c.command(), c.key().template().render(event), args.toArray(String[]::new));
    }
    plan.add(out);
  }
}
