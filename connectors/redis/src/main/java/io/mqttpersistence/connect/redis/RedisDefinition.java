package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.connect.TlsStores;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.template.Placeholders;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;
import redis.clients.jedis.UnifiedJedis;

/** What the Redis connector adds to the family: its keys, functions, raw commands and client. */
final class RedisDefinition implements SinkDefinition<RedisAction, RedisSinkConfig> {
  /**
   * Compiling depends on the config only through the message id format: build each catalogue once.
   */
  private final Map<MessageIdFormat, RedisFunctions> functions =
      new EnumMap<>(MessageIdFormat.class);

  private final Map<MessageIdFormat, Placeholders> placeholders =
      new EnumMap<>(MessageIdFormat.class);

  RedisDefinition() {
    for (MessageIdFormat f : MessageIdFormat.values()) {
      functions.put(f, new RedisFunctions(f));
      placeholders.put(f, new Placeholders(f));
    }
  }

  @Override
  public ConfigDef configDef() {
    return RedisSinkConfig.CONFIG_DEF;
  }

  @Override
  public RedisSinkConfig parseConfig(Map<String, String> props) {
    return new RedisSinkConfig(props);
  }

  @Override
  public RedisAction compile(HookSpec hook, RedisSinkConfig config) {
    MessageIdFormat ids = config.messageIdFormat();
    if (hook.action() instanceof ActionSpec.Function f) {
      return functions.get(ids).compile(hook, f.name());
    }
    ActionSpec.Statements statements = (ActionSpec.Statements) hook.action();
    if (!statements.kind().equals("commands")) {
      throw new HookConfigException(
          hook.configKey(), "Redis runs \"commands\" actions, not \"" + statements.kind() + "\"");
    }
    return RawCommandsAction.compile(
        hook.configKey(), statements.statements(), placeholders.get(ids), ids);
  }

  @Override
  public boolean isLookup(RedisAction action) {
    return action.isLookup();
  }

  @Override
  public RedisEventStore openStore(RedisSinkConfig config, HookTable<RedisAction> hooks) {
    try {
      // WAIT gives up at half the read timeout, so its own answer comes before the socket's.
      return new RedisEventStore(
          RedisClients.open(config), config.waitReplicas(), config.timeoutMs() / 2);
    } catch (RuntimeException e) {
      throw new ConnectException(
          "could not connect to Redis (" + config.describe() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Map.Entry<String, String>> checkConnection(RedisSinkConfig config) {
    try (UnifiedJedis client = RedisClients.open(config)) {
      client.ping();
      return Optional.empty();
    } catch (RuntimeException e) {
      if (TlsStores.isHandshakeFailure(e)) {
        return Optional.of(
            Map.entry(
                "redis.ssl.truststore",
                "the TLS handshake with Redis ("
                    + config.describe()
                    + ") failed: "
                    + e.getMessage()));
      }
      return Optional.of(
          Map.entry(
              RedisSinkConfig.SERVER_CONFIG,
              "cannot reach Redis (" + config.describe() + "): " + e.getMessage()));
    }
  }
}
