package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Records a connector must survive, part generated and part hand-made: malformed and truncated
 * JSON, every field of every event kind with a wrong type or missing, unknown and unhandled events,
 * empty and large payloads, control characters, emoji and lone surrogates, huge clientids and
 * topics, and text that is code in one database or another. Every record's clientid starts with
 * {@code bad-} and its topic with {@code bad/}, so whatever one stores stays apart from the valid
 * stream it is mixed into.
 */
public final class BadInputCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BadInputCorpus() {}

  /** Text that is code somewhere: SQL, CQL, Redis protocol, Mongo operators, templates. */
  private static final List<String> HOSTILE =
      List.of(
          "'; DROP TABLE mqtt_msg; --",
          "\" OR 1=1 --",
          "x'); DELETE FROM mqtt_client; --",
          "*3\r\n$8\r\nFLUSHALL\r\n",
          "a b\nc\td *",
          "{\"$where\": \"sleep(1000)\"}",
          "$gt",
          "a.b.c",
          "${clientid}",
          "APPLY BATCH; TRUNCATE mqtt.msg;",
          "\u0000nul\u0000",
          "\u0007\u001b[31mbell\u001b[0m",
          "emoji \uD83D\uDE00\uD83C\uDF89",
          "lone \uD800 surrogate",
          "lone \uDFFF low",
          "ü ß 中文 العربية");

  /** One record of the corpus and the category RELIABILITY.md counts it under. */
  public record Bad(String category, String value) {}

  /** The corpus's values, in order. */
  public static List<String> records(long t0) {
    return categorized(t0).stream().map(Bad::value).toList();
  }

  /** Collects records under the category set last. */
  private static final class Collector {
    private final List<Bad> records = new ArrayList<>();
    private String category = "";

    void category(String name) {
      category = name;
    }

    void add(String value) {
      records.add(new Bad(category, value));
    }

    void addAll(List<String> values) {
      values.forEach(this::add);
    }
  }

  public static List<Bad> categorized(long t0) {
    Collector out = new Collector();
    List<String> valid =
        List.of(
            Emqx5Events.connected("bad-c", t0),
            Emqx5Events.disconnected("bad-c", t0 + 1, t0),
            Emqx5Events.subscribed("bad-c", "bad/t", 1, t0 + 2),
            Emqx5Events.unsubscribed("bad-c", "bad/t", t0 + 3),
            Emqx5Events.publish("bad-p", Emqx5Events.guid(t0, 900_001), "bad/t", 1, false, "x", t0),
            Emqx5Events.publish("bad-p", Emqx5Events.guid(t0, 900_002), "bad/r", 1, true, "r", t0),
            Emqx5Events.acked("bad-c", "bad-p", Emqx5Events.guid(t0, 900_001), "bad/t", 1, t0 + 4));

    out.category("malformed or truncated JSON");
    String sample = valid.get(4);
    for (int cut : new int[] {1, 2, 10, 25, 40, 60, 80, sample.length() - 1}) {
      out.add(sample.substring(0, Math.min(cut, sample.length() - 1)));
    }
    out.addAll(
        List.of(
            "",
            " ",
            "{",
            "}",
            "[1, 2]",
            "null",
            "true",
            "42",
            "\"a string\"",
            "not json at all",
            "{\"event\": \"client.connected\",}",
            sample + " trailing",
            "{'single': 'quotes'}",
            "{\"event\": \"client.connected\", \"clientid\": \"bad-dup\", \"clientid\": 7}"));

    out.category("a field of a wrong type or missing");
    int seq = 0;
    for (String event : valid) {
      ObjectNode node = parse(event);
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        for (JsonNode wrong : wrongValues(node.get(field))) {
          ObjectNode copy = node.deepCopy();
          copy.set(field, wrong);
          out.add(distinct(copy, ++seq));
        }
        ObjectNode missing = node.deepCopy();
        missing.remove(field);
        out.add(distinct(missing, ++seq));
      }
    }

    out.category("unknown and unhandled events");
    out.add("{\"event\": \"some.future.event\", \"clientid\": \"bad-f\"}");
    out.add("{\"event\": \"session.created\", \"clientid\": \"bad-s\"}");
    out.add("{\"event\": \"message.dropped\", \"clientid\": \"bad-d\", \"topic\": \"bad/d\"}");
    out.add("{\"event\": \"client.connack\", \"clientid\": \"bad-k\", \"reason_code\": \"x\"}");
    out.add("{\"event\": 17}");
    out.add("{\"clientid\": \"bad-no-event\"}");

    out.category("empty and 900 kB payloads");
    out.add(Emqx5Events.publish("bad-p", Emqx5Events.guid(t0, 900_100), "bad/e", 1, false, "", t0));
    out.add(
        Emqx5Events.publish(
            "bad-p", Emqx5Events.guid(t0, 900_101), "bad/big", 1, false, "x".repeat(900_000), t0));
    out.category(
        "code in fields: SQL, CQL, Redis, Mongo, templates; control chars, emoji, surrogates");
    int n = 0;
    for (String h : HOSTILE) {
      n++;
      out.add(
          Emqx5Events.publish(
              "bad-p", Emqx5Events.guid(t0, 900_200 + n), "bad/h/" + n, 1, false, h, t0 + n));
      out.add(Emqx5Events.connected("bad-" + h, t0 + n));
      out.add(
          Emqx5Events.publish(
              "bad-p", Emqx5Events.guid(t0, 900_300 + n), "bad/" + h, 1, true, h, t0 + n));
    }
    out.category("clientids and topics beyond any column size");
    out.add(Emqx5Events.connected("bad-" + "c".repeat(10_000), t0));
    out.add(
        Emqx5Events.publish(
            "bad-" + "p".repeat(5_000),
            Emqx5Events.guid(t0, 900_400),
            "bad/" + "t".repeat(10_000),
            1,
            false,
            "long",
            t0));
    return out.records;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record with a clientid of its own, so records of one kind do not merge. */
  private static String distinct(ObjectNode node, int seq) {
    JsonNode clientid = node.get("clientid");
    if (clientid != null && clientid.isTextual()) {
      node.put("clientid", clientid.asText() + "-" + seq);
    }
    return node.toString();
  }

  private static List<JsonNode> wrongValues(JsonNode current) {
    List<JsonNode> out = new ArrayList<>();
    if (current.isTextual()) {
      out.add(JSON.getNodeFactory().numberNode(12345));
      out.add(JSON.getNodeFactory().objectNode().put("x", 1));
    } else if (current.isNumber()) {
      out.add(JSON.getNodeFactory().textNode("not a number"));
      out.add(JSON.getNodeFactory().numberNode(-1));
      out.add(JSON.getNodeFactory().numberNode(Double.MAX_VALUE));
    } else if (current.isObject()) {
      out.add(JSON.getNodeFactory().textNode("not an object"));
      Iterator<String> names = current.fieldNames();
      if (names.hasNext()) {
        out.add(JSON.getNodeFactory().objectNode().put(names.next(), "wrong"));
      }
    } else {
      out.add(JSON.getNodeFactory().arrayNode().add(1));
    }
    out.add(JSON.getNodeFactory().nullNode());
    return out;
  }
}
