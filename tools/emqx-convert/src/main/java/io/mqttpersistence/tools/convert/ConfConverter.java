package io.mqttpersistence.tools.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the settings of EMQX 4 backend configs into one connector per pool: the pool's options
 * mapped to the connector's keys, every hook of the pool carried over verbatim under {@code
 * hook.<hookpoint>.<N>}, and the Kafka side from {@link Defaults}.
 */
final class ConfConverter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HOOK = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Za-z0-9_]+");
  private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

  private final Defaults defaults;
  private final List<Problem> ignored = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private final List<Hook> hooks = new ArrayList<>();

  private record Hook(ConfLine line, Backend backend, String key, String pool) {}

  /** One pool's options as connector keys, and where each was set. */
  private static final class Pool {
    final Backend backend;
    final String name;
    final Map<String, String> options = new LinkedHashMap<>();
    final Map<String, ConfLine> setAt = new LinkedHashMap<>();
    final Map<String, String> hooks = new LinkedHashMap<>();

    Pool(Backend backend, String name) {
      this.backend = backend;
      this.name = name;
    }
  }

  private ConfConverter(Defaults defaults) {
    this.defaults = defaults;
  }

  /**
   * @param parseProblems problems found while reading the files, reported first
   */
  static Conversion convert(List<ConfLine> lines, Defaults defaults, List<Problem> parseProblems) {
    ConfConverter c = new ConfConverter(defaults);
    c.problems.addAll(parseProblems);
    lines.forEach(c::read);
    return c.finish();
  }

  private void read(ConfLine line) {
    Optional<Backend> backend = Backend.of(line.key());
    if (backend.isEmpty()) {
      problem(
          line,
          "unknown key "
              + line.key()
              + " (not an EMQX backend setting: backend.pgsql, mysql, redis, mongo, cassa or ecql)");
      return;
    }
    Backend b = backend.get();
    String hookPrefix = b.pluginPrefix + "hook.";
    if (line.key().startsWith(hookPrefix)) {
      readHook(line, b, line.key().substring(hookPrefix.length()));
      return;
    }
    if (line.key().startsWith(b.pluginPrefix)) {
      Optional<Option> option = b.pluginOption(line.key());
      if (option.isPresent()) {
        apply(line, option.get(), null);
        return;
      }
      if (!b.pluginPrefix.equals(b.poolPrefix)) {
        problem(
            line,
            "unknown key "
                + line.key()
                + " (Cassandra pools are "
                + b.poolPrefix
                + "<pool>.<option>, hooks "
                + hookPrefix
                + "<hookpoint>.<N>)");
        return;
      }
    }
    String rest = line.key().substring(b.poolPrefix.length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      problem(
          line,
          "unknown key " + line.key() + " (a pool option is " + b.poolPrefix + "<pool>.<option>)");
      return;
    }
    String poolName = rest.substring(0, dot);
    String optionName = rest.substring(dot + 1);
    Pool pool = pool(b, poolName);
    Optional<Option> option = b.poolOption(optionName);
    if (option.isEmpty()) {
      problem(
          line,
          "unknown option "
              + optionName
              + " of pool "
              + poolName
              + " ("
              + b.connector
              + " has no such setting)");
      return;
    }
    apply(line, option.get(), pool);
  }

  private void apply(ConfLine line, Option option, Pool pool) {
    if (option instanceof Option.Ignored ig) {
      ignored.add(new Problem(line.where(), line.key() + " is ignored: " + ig.why()));
      return;
    }
    if (option instanceof Option.Unmappable u) {
      problem(line, line.key() + " has no counterpart: " + u.instead());
      return;
    }
    Option.Mapped m = (Option.Mapped) option;
    String value;
    try {
      value = m.value().apply(line.value());
    } catch (IllegalArgumentException | ArithmeticException e) {
      problem(line, line.key() + ": " + e.getMessage());
      return;
    }
    ConfLine earlier = pool.setAt.put(m.key(), line);
    if (earlier != null) {
      ignored.add(
          new Problem(
              earlier.where(),
              earlier.key() + " is set again at line " + line.number() + "; the later value wins"));
    }
    pool.options.put(m.key(), value);
  }

  private void readHook(ConfLine line, Backend b, String hook) {
    if (!HOOK.matcher(hook).matches()) {
      problem(
          line, "a hook key is " + b.pluginPrefix + "hook.<word>.<word>.<N>, not " + line.key());
      return;
    }
    JsonNode json;
    try {
      json = JSON.readTree(line.value());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      problem(line, "the hook's value is not JSON: " + e.getOriginalMessage());
      return;
    }
    if (json == null || !json.isObject()) {
      problem(line, "the hook's value is not a JSON object");
      return;
    }
    JsonNode pool = json.get("pool");
    hooks.add(
        new Hook(line, b, "hook." + hook, pool != null && pool.isTextual() ? pool.asText() : null));
  }

  private Pool pool(Backend b, String name) {
    return pools.computeIfAbsent(b.name() + "/" + name, k -> new Pool(b, name));
  }

  private Conversion finish() {
    for (Hook h : hooks) {
      String poolName = h.pool();
      if (poolName == null) {
        List<Pool> ofBackend =
            pools.values().stream().filter(p -> p.backend == h.backend()).toList();
        if (ofBackend.size() != 1) {
          problem(
              h.line(), "the hook names no \"pool\", and there is not exactly one pool to give it");
          continue;
        }
        poolName = ofBackend.get(0).name;
        ignored.add(
            new Problem(
                h.line().where(),
                "the hook names no \"pool\": it goes to " + poolName + ", the only pool"));
      } else if (!pools.containsKey(h.backend().name() + "/" + poolName)) {
        ignored.add(
            new Problem(
                h.line().where(),
                "pool "
                    + poolName
                    + " has no settings here: the connector's defaults apply to it"));
      }
      Pool pool = pool(h.backend(), poolName);
      if (pool.hooks.put(h.key(), h.line().value()) != null) {
        ignored.add(
            new Problem(h.line().where(), h.key() + " is set again here; this later hook wins"));
      }
    }
    List<ConnectorBody> bodies = new ArrayList<>();
    for (Pool p : pools.values()) {
      if (p.hooks.isEmpty()) {
        ignored.add(
            new Problem(
                p.backend.poolPrefix + p.name,
                "pool " + p.name + " has no hooks, so nothing would use it: no connector for it"));
        continue;
      }
      bodies.add(new ConnectorBody(p.backend.connectorName(p.name), config(p)));
    }
    return new Conversion(bodies, ignored, problems);
  }

  private Map<String, String> config(Pool p) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", p.backend.connectorClass);
    c.put("tasks.max", "1");
    c.put("topics", defaults.topics());
    c.put("key.converter", STRING_CONVERTER);
    c.put("value.converter", STRING_CONVERTER);
    c.putAll(p.options);
    c.put("lookup.reply.topic", defaults.replyTopic());
    c.put("lookup.reply.bootstrap.servers", defaults.bootstrapServers());
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", defaults.deadLetterTopic());
    c.put("errors.deadletterqueue.context.headers.enable", "true");
    c.putAll(p.hooks);
    return c;
  }

  private void problem(ConfLine line, String message) {
    problems.add(new Problem(line.where(), message));
  }
}
