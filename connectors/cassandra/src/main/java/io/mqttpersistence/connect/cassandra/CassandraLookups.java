package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * EMQX's Cassandra lookups, answered on the reply topic. Offline messages follow publish time, not
 * msgid text (base62 and other ids do not sort by time as text): the cursor is a publish time, and
 * {@code msg_timeline} lists each topic's messages newest first by publish time, so a fetch reads
 * one slice of one partition however long the topic's history is.
 */
final class CassandraLookups {
  private static final int IN_CHUNK = 100;

  private final CqlSession session;
  private final PreparedStatements prepared;

  CassandraLookups(CqlSession session, PreparedStatements prepared) {
    this.session = session;
    this.prepared = prepared;
  }

  /** What one lookup answers, or empty. */
  List<LookupReply> run(CassandraOp.Lookup l) {
    LookupReply r =
        switch (l.kind()) {
          case SUBSCRIPTIONS -> subscriptions(l.source());
          case RETAINED -> retained(l.source());
          case FETCH -> fetch(l);
        };
    return r == null ? List.of() : r.ifFound().map(List::of).orElse(List.of());
  }

  /** on_subscribe_lookup: the client's rows of sub, QoS clamped to 0..2 as EMQX 4.4 does. */
  private LookupReply subscriptions(BrokerEvent e) {
    List<Map<String, Object>> subs = new ArrayList<>();
    for (Row row :
        session.execute(prepared.bind(CassandraCql.SELECT_SUBS, Arrays.asList(e.clientid())))) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("topic", row.getString("topic"));
      s.put("qos", Math.max(0, Math.min(2, row.isNull("qos") ? 0 : row.getInt("qos"))));
      subs.add(s);
    }
    return new LookupReply(LookupReply.SUBSCRIBE, e.clientid(), "on_subscribe_lookup", null, subs);
  }

  /**
   * on_retain_lookup: the retained message of exactly the subscribed topic; a row EMQX wrote (msgid
   * only) takes its body from msg, as EMQX did.
   */
  private LookupReply retained(BrokerEvent e) {
    Row row =
        session
            .execute(prepared.bind(CassandraCql.SELECT_RETAINED, Arrays.asList(e.topic())))
            .one();
    if (row == null || row.isNull("msgid")) {
      return null;
    }
    Map<String, Object> m;
    if (row.isNull("payload")) {
      Row body =
          session
              .execute(
                  prepared.bind(
                      CassandraCql.SELECT_MSG, Arrays.asList(e.topic(), row.getString("msgid"))))
              .one();
      if (body == null) {
        return null;
      }
      m = message(e.topic(), body);
    } else {
      m = message(e.topic(), row);
    }
    m.put("retain", true);
    return new LookupReply(
        LookupReply.DELIVER, e.clientid(), "on_retain_lookup", e.topic(), List.of(m));
  }

  /**
   * on_message_fetch: a client's first subscription to a topic starts its cursor at the
   * subscription's time and delivers nothing; later ones deliver the newest {@code
   * max_returned_count} messages published after the cursor and within {@code time_range}, oldest
   * first.
   */
  private LookupReply fetch(CassandraOp.Lookup l) {
    BrokerEvent e = l.source();
    Row cursor =
        session
            .execute(
                prepared.bind(CassandraCql.SELECT_CURSOR, Arrays.asList(e.clientid(), e.topic())))
            .one();
    OptionalLong after = cursor == null ? OptionalLong.empty() : cursorMicros(cursor);
    if (after.isEmpty()) {
      long now = WriteTimes.eventMicros(e);
      // Written at the subscription's time: an ack of a newer message still moves it, and a
      // cursor deleted by an earlier unsubscribe does not hide it.
      session.execute(
          prepared.bind(CassandraCql.ACK, Arrays.asList(now, null, now, e.clientid(), e.topic())));
      return null;
    }
    long from = after.getAsLong();
    String fromId = cursor.isNull("msgid") ? "" : cursor.getString("msgid");
    String cql = CassandraCql.TIMELINE_AFTER;
    if (l.offline().timeRange().isPresent()) {
      long start = WriteTimes.eventMicros(e) - l.offline().timeRange().get().toMillis() * 1000;
      if (start > from) {
        from = start;
        fromId = "";
        cql = CassandraCql.TIMELINE_FROM;
      }
    }
    int limit = l.offline().maxReturnedCount().orElse(Integer.MAX_VALUE);
    List<String> ids = new ArrayList<>();
    for (Row row :
        session.execute(prepared.bind(cql, Arrays.asList(e.topic(), from, fromId, limit)))) {
      ids.add(row.getString("msgid"));
    }
    Collections.reverse(ids); // newest N were read; deliver them oldest first
    Map<String, Map<String, Object>> bodies = new HashMap<>();
    for (int i = 0; i < ids.size(); i += IN_CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
      for (Row row :
          session.execute(
              prepared.bind(
                  CassandraCql.SELECT_MSGS, Arrays.asList(e.topic(), List.copyOf(chunk))))) {
        bodies.put(row.getString("msgid"), message(e.topic(), row));
      }
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> m = bodies.get(id); // absent: expired between the two reads
      if (m != null) {
        messages.add(m);
      }
    }
    return new LookupReply(
        LookupReply.DELIVER, e.clientid(), "on_message_fetch", e.topic(), messages);
  }

  /** The cursor's publish time: our column, or for a row EMQX wrote, the time its msgid holds. */
  private static OptionalLong cursorMicros(Row cursor) {
    if (!cursor.isNull("published")) {
      return OptionalLong.of(cursor.getLong("published"));
    }
    return MessageIdFormat.microsOf(cursor.getString("msgid"));
  }

  private static Map<String, Object> message(String topic, Row row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msgid", row.getString("msgid"));
    m.put("topic", topic);
    m.put("sender", row.getString("sender"));
    m.put("qos", row.isNull("qos") ? 0 : row.getInt("qos"));
    boolean hasRetain = row.getColumnDefinitions().contains("retain");
    m.put("retain", hasRetain && !row.isNull("retain") && row.getInt("retain") == 1);
    Object payload = row.getObject("payload");
    if (payload instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      String text = utf8(bytes);
      if (text == null) {
        m.put("payload", Base64.getEncoder().encodeToString(bytes));
        m.put("payload_encoding", "base64");
      } else {
        m.put("payload", text);
      }
    } else {
      m.put("payload", payload == null ? null : payload.toString());
    }
    Instant arrived = row.getInstant("arrived");
    m.put("arrived", arrived == null ? null : arrived.toEpochMilli());
    return m;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException binary) {
      return null;
    }
  }
}
