package io.mqttpersistence.connect.common.hook;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Hooks grouped by hookpoint, each with its compiled action. Matching an event is a lookup by
 * hookpoint followed by the topic filters of that hookpoint's hooks, in config order.
 *
 * @param <A> the connector's compiled action type
 */
public final class HookTable<A> {
  /** A hook with the action a connector compiled for it. */
  public record Entry<A>(HookSpec spec, A action) {}

  private final Map<Hookpoint, List<Entry<A>>> byHookpoint;

  private HookTable(Map<Hookpoint, List<Entry<A>>> byHookpoint) {
    this.byHookpoint = byHookpoint;
  }

  /**
   * Compiles every hook once; {@code compiler} throws {@link HookConfigException} for what it
   * rejects.
   */
  public static <A> HookTable<A> compile(List<HookSpec> hooks, Function<HookSpec, A> compiler) {
    return of(hooks.stream().map(h -> new Entry<>(h, compiler.apply(h))).toList());
  }

  /** Groups already compiled hooks; entries keep their order within a hookpoint. */
  public static <A> HookTable<A> of(List<Entry<A>> entries) {
    Map<Hookpoint, List<Entry<A>>> map = new EnumMap<>(Hookpoint.class);
    for (Entry<A> e : entries) {
      map.computeIfAbsent(e.spec().hookpoint(), k -> new ArrayList<>()).add(e);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return new HookTable<>(map);
  }

  /** The actions that apply to this event, in the order EMQX would run them. */
  public List<Entry<A>> match(BrokerEvent event) {
    List<Entry<A>> candidates = byHookpoint.getOrDefault(event.hookpoint(), List.of());
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Entry<A>> out = new ArrayList<>(candidates.size());
    for (Entry<A> e : candidates) {
      if (e.spec().appliesTo(event.topic())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The hookpoints at least one hook handles. */
  public Set<Hookpoint> hookpoints() {
    return byHookpoint.keySet();
  }

  public List<Entry<A>> all() {
    return byHookpoint.values().stream().flatMap(List::stream).toList();
  }
}
