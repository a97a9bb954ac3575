package io.mqttpersistence.connect.jdbc;

import static io.mqttpersistence.connect.jdbc.JdbcBinder.epochMs;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.hook.OfflineOptions;
import io.mqttpersistence.connect.common.store.LookupReply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lookup functions and the pending-ack resolution: they read in order, inside the batch's
 * transaction, and answer one client. Their SELECTs are plain SQL every supported database runs as
 * written.
 */
final class JdbcQueries {
  static final String SUBSCRIPTIONS =
      "SELECT topic, qos FROM mqtt_sub WHERE clientid = ? ORDER BY id";
  static final String RETAINED =
      "SELECT topic, msgid, sender, qos, payload, arrived FROM mqtt_retain WHERE topic = ?";
  static final String CURSOR = "SELECT mid FROM mqtt_acked WHERE topic = ? AND clientid = ?";

  private final SqlDialect dialect;

  JdbcQueries(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Lookup actions all read on their own; this marks them for the reply-topic check. */
  private interface Lookup extends SqlAction {
    @Override
    default boolean isLookup() {
      return true;
    }
  }

  private abstract static class Query implements SqlOp.Query {
    private final Set<String> resources;

    Query(String... resources) {
      this.resources = Set.of(resources);
    }

    @Override
    public Set<String> resources() {
      return resources;
    }
  }

  /**
   * on_subscribe_lookup: the client's stored subscriptions, QoS clamped to 0..2 as EMQX 4.4 does.
   */
  SqlAction subscribeLookup() {
    return (Lookup)
        (e, plan) ->
            plan.add(
                new Query("mqtt_sub") {
                  @Override
                  public Optional<LookupReply> run(Connection c) throws SQLException {
                    List<Map<String, Object>> subs = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(SUBSCRIPTIONS)) {
                      ps.setString(1, e.clientid());
                      try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                          Map<String, Object> sub = new LinkedHashMap<>();
                          sub.put("topic", rs.getString(1));
                          sub.put("qos", Math.max(0, Math.min(2, rs.getInt(2))));
                          subs.add(sub);
                        }
                      }
                    }
                    return new LookupReply(
                            LookupReply.SUBSCRIBE, e.clientid(), "on_subscribe_lookup", null, subs)
                        .ifFound();
                  }
                });
  }

  /** on_retain_lookup: the retained message of exactly the subscribed topic. */
  SqlAction retainLookup() {
    return (Lookup)
        (e, plan) ->
            plan.add(
                new Query("mqtt_retain") {
                  @Override
                  public Optional<LookupReply> run(Connection c) throws SQLException {
                    List<Map<String, Object>> messages = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(RETAINED)) {
                      ps.setString(1, e.topic());
                      try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                          messages.add(
                              message(
                                  null,
                                  rs.getString("msgid"),
                                  rs.getString("sender"),
                                  rs.getString("topic"),
                                  rs.getInt("qos"),
                                  true,
                                  rs.getString("payload"),
                                  rs.getObject("arrived", LocalDateTime.class)));
                        }
                      }
                    }
                    return new LookupReply(
                            LookupReply.DELIVER,
                            e.clientid(),
                            "on_retain_lookup",
                            e.topic(),
                            messages)
                        .ifFound();
                  }
                });
  }

  /**
   * on_message_fetch, as EMQX ran it: only for QoS 1/2 subscriptions; a client's first subscription
   * to a topic sets its cursor to the newest stored message and delivers nothing; later ones
   * deliver the newest {@code max_returned_count} messages after the cursor within {@code
   * time_range} of the subscribe event, oldest first.
   */
  SqlAction messageFetch(OfflineOptions opts) {
    return (Lookup)
        (e, plan) -> {
          if (e.qosOrZero() == 0) {
            return;
          }
          // Acks that overtook their publish count before we read the cursor.
          plan.settleCursorNow(e.clientid(), e.topic());
          plan.add(
              new Query("mqtt_msg", "mqtt_acked", "mqtt_ack_pending") {
                @Override
                public Optional<LookupReply> run(Connection c) throws SQLException {
                  Long cursor = cursor(c, e);
                  if (cursor == null) {
                    startCursor(c, e);
                    return Optional.empty();
                  }
                  return new LookupReply(
                          LookupReply.DELIVER,
                          e.clientid(),
                          "on_message_fetch",
                          e.topic(),
                          messagesAfter(c, e, cursor, opts))
                      .ifFound();
                }
              });
        };
  }

  private static Long cursor(Connection c, BrokerEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
      ps.setString(1, e.topic());
      ps.setString(2, e.clientid());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private void startCursor(Connection c, BrokerEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(dialect.startCursor())) {
      JdbcBinder.bind(
          ps,
          new Object[] {e.clientid(), e.topic(), e.topic(), dialect.timestamp(e.timestampMs())});
      ps.executeUpdate();
    }
  }

  private List<Map<String, Object>> messagesAfter(
      Connection c, BrokerEvent e, long cursor, OfflineOptions opts) throws SQLException {
    List<Object> params = new ArrayList<>(List.of(cursor, e.topic()));
    opts.timeRange()
        .ifPresent(range -> params.add(dialect.timestamp(e.timestampMs() - range.toMillis())));
    opts.maxReturnedCount().ifPresent(params::add);
    String sql = messagesAfter(opts.timeRange().isPresent(), opts.maxReturnedCount().isPresent());
    List<Map<String, Object>> messages = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcBinder.bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          messages.add(
              message(
                  rs.getLong("id"),
                  rs.getString("msgid"),
                  rs.getString("sender"),
                  rs.getString("topic"),
                  rs.getInt("qos"),
                  rs.getInt("retain") != 0,
                  rs.getString("payload"),
                  rs.getObject("arrived", LocalDateTime.class)));
        }
      }
    }
    Collections.reverse(messages); // newest N were selected; deliver them oldest first
    return messages;
  }

  /** The newest messages of a topic after a cursor, optionally within a time range, at most N. */
  static String messagesAfter(boolean withTimeRange, boolean withLimit) {
    return "SELECT id, topic, msgid, sender, qos, payload, retain, arrived FROM mqtt_msg"
        + " WHERE id > ? AND topic = ?"
        + (withTimeRange ? " AND arrived >= ?" : "")
        + " ORDER BY id DESC"
        + (withLimit ? " LIMIT ?" : "");
  }

  private static Map<String, Object> message(
      Long id,
      String msgid,
      String sender,
      String topic,
      int qos,
      boolean retain,
      String payload,
      LocalDateTime arrived) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("msgid", msgid);
    m.put("topic", topic);
    m.put("sender", sender);
    m.put("qos", qos);
    m.put("retain", retain);
    m.put("payload", payload);
    m.put("arrived", arrived == null ? null : epochMs(arrived));
    return m;
  }
}
