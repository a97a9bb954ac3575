package io.mqttpersistence.connect.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.template.Placeholder;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Document templates, the raw action EMQX's Mongo backend lacked: {@code {"mongo": [{"collection":
 * "...", "op": "insert" | "upsert" | "update" | "delete", "filter": {...}, "doc": {...}}]}}.
 *
 * <p>A string that is exactly one placeholder ({@code "${payload.temp}"}) binds the value's type (a
 * number stays a number, a JSON payload a sub-document); placeholders inside longer strings render
 * as text. Field names, operators and the collection come from the config only: a placeholder there
 * is a config error, and event data that would read as a field name or operator (a document with
 * {@code $}-keys or dotted keys) is bound as its JSON text. {@code update} changes every matching
 * document, {@code delete} removes every matching one, {@code upsert} one; an update or upsert
 * {@code doc} is all operators ({@code $set}, {@code $inc}, ...) or a whole replacement document.
 */
final class MongoTemplateAction implements MongoAction {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ONE_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Set<String> OPS = Set.of("insert", "upsert", "update", "delete");
  private static final Set<String> KEYS = Set.of("collection", "op", "filter", "doc");

  /** A part of a template: how a JSON value becomes BSON for one event. */
  @FunctionalInterface
  private interface Part extends Function<BrokerEvent, Object> {}

  private record Compiled(String collection, String op, Part filter, Part doc, boolean operators) {}

  private final List<Compiled> templates;

  private MongoTemplateAction(List<Compiled> templates) {
    this.templates = List.copyOf(templates);
  }

  /**
   * Compiles a hook's templates.
   *
   * @throws HookConfigException naming the hook's key for any mistake in them
   */
  static MongoTemplateAction compile(String key, List<String> sources, Placeholders placeholders) {
    Placeholders typed = placeholders.typed();
    List<Compiled> out = new ArrayList<>();
    for (String source : sources) {
      JsonNode t;
      try {
        t = JSON.readTree(source);
      } catch (IOException e) {
        throw new HookConfigException(key, "a mongo template is not JSON: " + e.getMessage());
      }
      for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!KEYS.contains(f)) {
          throw new HookConfigException(
              key, "unknown key '" + f + "' in a mongo template; expected " + KEYS);
        }
      }
      String collection = text(t, "collection");
      if (collection == null
          || collection.isBlank()
          || collection.contains("$")
          || collection.contains("${")
          || collection.startsWith("system.")
          || collection.indexOf('\0') >= 0) {
        throw new HookConfigException(
            key, "a mongo template needs a \"collection\": a name without $ or placeholders");
      }
      String op = text(t, "op");
      if (op == null || !OPS.contains(op.toLowerCase(Locale.ROOT))) {
        throw new HookConfigException(key, "\"op\" must be one of " + OPS + ", not " + op);
      }
      op = op.toLowerCase(Locale.ROOT);
      JsonNode filter = t.get("filter");
      JsonNode doc = t.get("doc");
      boolean needsFilter = !op.equals("insert");
      boolean needsDoc = !op.equals("delete");
      if (needsFilter && (filter == null || !filter.isObject())) {
        throw new HookConfigException(key, "op " + op + " needs a \"filter\" object");
      }
      if (!needsFilter && filter != null) {
        throw new HookConfigException(key, "op insert takes no \"filter\"");
      }
      if (needsDoc && (doc == null || !doc.isObject() || doc.isEmpty())) {
        throw new HookConfigException(key, "op " + op + " needs a \"doc\" object");
      }
      if (!needsDoc && doc != null) {
        throw new HookConfigException(key, "op delete takes no \"doc\"");
      }
      try {
        rejectPlaceholderKeys(filter);
        rejectPlaceholderKeys(doc);
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(key, e.getMessage());
      }
      boolean operators = false;
      if (doc != null) {
        long dollar = countDollarKeys(doc);
        if (dollar > 0 && dollar < doc.size()) {
          throw new HookConfigException(
              key,
              "\"doc\" mixes operators and fields: use only operators ($set, ...) or only fields");
        }
        operators = dollar > 0;
        if (operators && op.equals("insert")) {
          throw new HookConfigException(key, "an insert \"doc\" is a document, not operators");
        }
      }
      try {
        out.add(
            new Compiled(
                collection,
                op,
                filter == null ? null : part(filter, typed, placeholders),
                doc == null ? null : part(doc, typed, placeholders),
                operators));
      } catch (IllegalArgumentException e) {
        throw new HookConfigException(key, e.getMessage());
      }
    }
    return new MongoTemplateAction(out);
  }

  private static void rejectPlaceholderKeys(JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        if (f.getKey().contains("${")) {
          throw new IllegalArgumentException(
              "field names come from the config, not from events: '" + f.getKey() + "'");
        }
        rejectPlaceholderKeys(f.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(MongoTemplateAction::rejectPlaceholderKeys);
    }
  }

  private static String text(JsonNode t, String field) {
    JsonNode v = t.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private static long countDollarKeys(JsonNode doc) {
    long n = 0;
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith("$")) {
        n++;
      }
    }
    return n;
  }

  /** Compiles a JSON value once into a function of the event. */
  private static Part part(JsonNode node, Placeholders typed, Placeholders text) {
    if (node.isObject()) {
      List<Map.Entry<String, Part>> fields = new ArrayList<>();
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        fields.add(Map.entry(f.getKey(), part(f.getValue(), typed, text)));
      }
      return e -> {
        Document d = new Document();
        fields.forEach(f -> d.append(f.getKey(), f.getValue().apply(e)));
        return d;
      };
    }
    if (node.isArray()) {
      List<Part> items = new ArrayList<>();
      node.forEach(n -> items.add(part(n, typed, text)));
      return e -> {
        List<Object> l = new ArrayList<>(items.size());
        items.forEach(p -> l.add(p.apply(e)));
        return l;
      };
    }
    if (node.isTextual()) {
      String s = node.asText();
      var m = ONE_PLACEHOLDER.matcher(s);
      if (m.matches()) {
        Placeholder p = typed.resolve(m.group(1).trim());
        return e -> MongoValues.bson(p.valueOf(e));
      }
      if (s.contains("${")) {
        Template t = Template.text(s, text);
        return t::render;
      }
      return e -> s;
    }
    Object literal = JSON.convertValue(node, Object.class);
    return e -> literal;
  }

  @Override
  public void plan(BrokerEvent e, MongoPlan plan) {
    for (Compiled t : templates) {
      Document filter = t.filter() == null ? null : (Document) t.filter().apply(e);
      Document doc = t.doc() == null ? null : (Document) t.doc().apply(e);
      WriteModel<Document> model =
          switch (t.op()) {
            case "insert" -> new InsertOneModel<>(doc);
            case "delete" -> new DeleteManyModel<>(filter);
            case "update" ->
                t.operators()
                    ? new UpdateManyModel<>(filter, doc)
                    : new ReplaceOneModel<>(filter, doc);
            default ->
                t.operators()
                    ? new UpdateOneModel<>(filter, doc, new UpdateOptions().upsert(true))
                    : new ReplaceOneModel<>(filter, doc, new ReplaceOptions().upsert(true));
          };
      // In event order: a template's writes need not commute.
      plan.add(new MongoOp.Write(t.collection(), model, null, true, null, plan.event()));
    }
  }
}
