package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.store.EventStore;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Everything that makes one connector of the family differ from another; the connector and task
 * classes of each database are thin shells around one of these.
 *
 * @param <A> the compiled action type
 * @param <C> the connector's config type
 */
public interface SinkDefinition<A, C extends EventSinkConfig> {

  ConfigDef configDef();

  C parseConfig(Map<String, String> props);

  /**
   * Compiles one hook's action for this database.
   *
   * @throws io.mqttpersistence.connect.common.hook.HookConfigException naming the hook's key when
   *     the function does not exist here, or a statement or placeholder is wrong
   */
  A compile(HookSpec hook, C config);

  /** Whether the action reads the database and answers on the lookup reply topic. */
  boolean isLookup(A action);

  /** Opens pools and, if configured, creates the schema. */
  EventStore<A> openStore(C config, HookTable<A> hooks);

  /** Tries to reach the database; on failure returns the config key to blame and why. */
  Optional<Map.Entry<String, String>> checkConnection(C config);
}
