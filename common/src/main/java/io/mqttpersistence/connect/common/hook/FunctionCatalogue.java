package io.mqttpersistence.connect.common.hook;

import io.mqttpersistence.connect.common.event.Hookpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A connector's built-in functions by name: the hookpoint each runs on and how a hook compiles into
 * it. Compiling names the hook's key in every mistake: a function this database does not have, or
 * one on the wrong hookpoint.
 *
 * @param <A> the connector's compiled action type
 */
public final class FunctionCatalogue<A> {
  private record Builtin<A>(Hookpoint hookpoint, Function<HookSpec, ? extends A> factory) {}

  private final String store;
  private final Map<String, Builtin<A>> functions;
  private final Map<String, String> aliases;

  private FunctionCatalogue(
      String store, Map<String, Builtin<A>> functions, Map<String, String> aliases) {
    this.store = store;
    this.functions = Map.copyOf(functions);
    this.aliases = Map.copyOf(aliases);
  }

  /** Starts a catalogue; {@code store} names the database in messages ("Redis", "MySQL"). */
  public static <A> Builder<A> builder(String store) {
    return new Builder<>(store);
  }

  /** Collects functions in the order they are added. */
  public static final class Builder<A> {
    private final String store;
    private final Map<String, Builtin<A>> functions = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private Builder(String store) {
      this.store = store;
    }

    /** A function that runs on {@code hookpoint}, built once per hook by {@code factory}. */
    public Builder<A> add(
        String name, Hookpoint hookpoint, Function<HookSpec, ? extends A> factory) {
      functions.put(name, new Builtin<>(hookpoint, factory));
      return this;
    }

    /** Another name EMQX's configs use for {@code function}, e.g. on_subscription_lookup. */
    public Builder<A> alias(String alias, String function) {
      aliases.put(alias, function);
      return this;
    }

    public FunctionCatalogue<A> build() {
      return new FunctionCatalogue<>(store, functions, aliases);
    }
  }

  /**
   * Compiles {@code name} for {@code hook}.
   *
   * @throws HookConfigException naming the hook's key for an unknown function or a wrong hookpoint
   */
  public A compile(HookSpec hook, String name) {
    Builtin<A> f = functions.get(aliases.getOrDefault(name, name));
    if (f == null) {
      throw new HookConfigException(
          hook.configKey(),
          "function '"
              + name
              + "' is not available for "
              + store
              + "; available: "
              + new TreeSet<>(functions.keySet()));
    }
    if (f.hookpoint() != hook.hookpoint()) {
      throw new HookConfigException(
          hook.configKey(),
          "function '" + name + "' runs on " + f.hookpoint() + ", not on " + hook.hookpoint());
    }
    return f.factory().apply(hook);
  }
}
