package io.mqttpersistence.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import io.mqttpersistence.connect.jdbc.testing.SqlTestTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement a built-in function runs per event or per batch, explained by the database over
 * tables holding history: none may read all of mqtt_msg, mqtt_ack_pending or mqtt_acked, so a batch
 * costs the same on the first day and after a year. A plan that regresses to a full scan fails here
 * rather than on a user's database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HotPathPlanSuite {
  /** Enough rows that a planner with statistics prefers an index wherever one serves. */
  protected static final int HISTORY = 90_000;

  private static final Set<String> GROWING = Set.of("mqtt_msg", "mqtt_ack_pending", "mqtt_acked");

  protected abstract SqlTestTarget target();

  protected abstract SqlDialect dialect();

  /**
   * Fills the tables with {@code rows} messages, pending acks and cursors, and their statistics.
   */
  protected abstract void fillHistory(Connection c, int rows) throws SQLException;

  /** The tables among {@code tables} that {@code plan} (EXPLAIN's rows) reads in full. */
  protected abstract List<String> fullScans(List<Map<String, Object>> plan, Set<String> tables);

  private SqlTestDatabase db;

  @BeforeAll
  void tablesWithHistory() throws SQLException {
    db = target().createDatabase();
    try (Connection c = db.connect()) {
      dialect().createSchema(c);
      c.setAutoCommit(true);
      fillHistory(c, HISTORY);
    }
  }

  @AfterAll
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  /** A statement on the hot path with values like an event's. */
  protected record Step(String name, String sql, List<Object> params) {
    @Override
    public String toString() {
      return name;
    }
  }

  List<Step> steps() {
    SqlDialect d = dialect();
    Object at = d.timestamp(1_700_000_000_000L);
    String msgid = "m-50000";
    List<Step> steps = new ArrayList<>();
    steps.add(
        new Step("on_client_connected", d.clientConnected().sql(), List.of("c-1", "n", at, at)));
    steps.add(
        new Step(
            "on_client_disconnected",
            d.clientDisconnected().sql(),
            List.of("c-1", "n", at, at, at)));
    steps.add(
        new Step(
            "on_message_publish",
            d.insertMessage().sql(),
            List.of("m-new", "c-1", "t/7", 1, 0, "p", at)));
    steps.add(
        new Step(
            "on_message_retain",
            d.upsertRetained().sql(),
            List.of("t/7", msgid, "c-1", 1, "p", at)));
    steps.add(
        new Step("on_retain_delete", JdbcFunctions.DELETE_RETAINED.sql(), List.of("t/7", at)));
    steps.add(new Step("on_message_acked", d.ack().sql(), List.of(msgid, "c-2", "t/7", at)));
    PendingAcks pending = new PendingAcks(d.resolvePendingAcks());
    List<Object> eight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eight.add("m-" + (40_000 + i));
    }
    int n = 0;
    for (String sql : pending.statementsFor(PendingAcks.byMessages(8))) {
      steps.add(new Step("resolve pending acks by msgid " + ++n, sql, eight));
    }
    n = 0;
    for (String sql : pending.statementsFor(PendingAcks.BY_CURSOR)) {
      steps.add(new Step("resolve pending acks of a cursor " + ++n, sql, List.of("c-2", "t/7")));
    }
    steps.add(new Step("on_message_fetch: cursor", JdbcQueries.CURSOR, List.of("t/7", "c-2")));
    steps.add(
        new Step(
            "on_message_fetch: first subscription",
            d.startCursor(),
            List.of("c-3", "t/7", "t/7", at)));
    steps.add(
        new Step(
            "on_message_fetch: messages",
            JdbcQueries.messagesAfter(true, true),
            List.of(HISTORY - 100, "t/7", at, 100)));
    steps.add(
        new Step(
            "on_message_fetch: messages, no limits",
            JdbcQueries.messagesAfter(false, false),
            List.of(HISTORY - 100, "t/7")));
    steps.add(new Step("on_subscribe_lookup", JdbcQueries.SUBSCRIPTIONS, List.of("c-1")));
    steps.add(new Step("on_retain_lookup", JdbcQueries.RETAINED, List.of("t/7")));
    return steps;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void readsNoGrowingTableInFull(Step step) throws SQLException {
    List<Map<String, Object>> plan = explain(step);
    assertThat(fullScans(plan, GROWING)).as("full scans in the plan:%n%s", plan).isEmpty();
  }

  private List<Map<String, Object>> explain(Step step) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + step.sql())) {
      JdbcBinder.bind(ps, step.params().toArray());
      try (ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= columns; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }
}
