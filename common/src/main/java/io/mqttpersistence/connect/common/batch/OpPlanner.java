package io.mqttpersistence.connect.common.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts an ordered list of ops into groups that can each run in one round trip, such that running
 * the groups in the returned order leaves the store exactly as running the ops one by one would.
 *
 * <p>Ops of the same statement are gathered into one pending group. An op that touches a resource
 * of another pending group forces that group out first, so any two groups still pending never
 * conflict and may run in either order. A group is also cut when an upsert would hit a row it
 * already holds.
 */
public final class OpPlanner {
  private OpPlanner() {}

  public static <O extends Op> List<List<O>> plan(List<O> ops) {
    List<List<O>> out = new ArrayList<>();
    Map<Object, Pending<O>> pending = new LinkedHashMap<>();
    for (O op : ops) {
      Set<String> res = op.resources();
      Object key = op.batchKey();
      for (Iterator<Map.Entry<Object, Pending<O>>> it = pending.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Object, Pending<O>> e = it.next();
        if (!e.getKey().equals(key) && e.getValue().conflictsWith(res)) {
          out.add(e.getValue().ops);
          it.remove();
        }
      }
      if (key == null) {
        out.add(List.of(op));
        continue;
      }
      Pending<O> group = pending.get(key);
      if (group != null && op.rowKey() != null && group.rowKeys.contains(op.rowKey())) {
        out.add(group.ops);
        pending.remove(key);
        group = null;
      }
      if (group == null) {
        group = new Pending<>();
        pending.put(key, group);
      }
      group.add(op);
    }
    pending.values().forEach(p -> out.add(p.ops));
    return out;
  }

  private static final class Pending<O extends Op> {
    final List<O> ops = new ArrayList<>();
    final Set<String> resources = new HashSet<>();
    final Set<Object> rowKeys = new HashSet<>();
    boolean touchesAll;

    void add(O op) {
      ops.add(op);
      if (op.resources().isEmpty()) {
        touchesAll = true;
      }
      resources.addAll(op.resources());
      if (op.rowKey() != null) {
        rowKeys.add(op.rowKey());
      }
    }

    boolean conflictsWith(Set<String> other) {
      if (touchesAll || other.isEmpty()) {
        return true;
      }
      for (String r : other) {
        if (resources.contains(r)) {
          return true;
        }
      }
      return false;
    }
  }
}
