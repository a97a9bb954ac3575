package io.mqttpersistence.connect.cassandra;

import java.util.List;

/**
 * The CQL of the built-in functions over EMQX's tables (reference 5.2), all prepared once per task.
 * Every write binds its write time; message rows also their TTL (0: none).
 */
final class CassandraCql {
  static final String CLIENT = "client";
  static final String SUB = "sub";
  static final String MSG = "msg";
  static final String RETAIN = "retain";
  static final String ACKED = "acked";

  /** Added by the connector: each topic's message ids in publish order. */
  static final String TIMELINE = "msg_timeline";

  static final String CONNECT =
      "UPDATE client USING TIMESTAMP ? SET state = 1, node = ?, connected = ?,"
          + " disconnected = null WHERE clientid = ?";
  static final String DISCONNECT =
      "UPDATE client USING TIMESTAMP ? SET state = 0, disconnected = ? WHERE clientid = ?";

  /** What a disconnect tells of its connection's start, written at that start's time. */
  static final String CONNECTED_AT =
      "UPDATE client USING TIMESTAMP ? SET connected = ? WHERE clientid = ?";

  static final String INSERT_MSG =
      "INSERT INTO msg (topic, msgid, sender, qos, retain, payload, arrived)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?";
  static final String INSERT_TIMELINE =
      "INSERT INTO msg_timeline (topic, published, msgid) VALUES (?, ?, ?)"
          + " USING TIMESTAMP ? AND TTL ?";
  static final String RETAIN_SET =
      "UPDATE retain USING TIMESTAMP ? SET msgid = ?, sender = ?, qos = ?, payload = ?,"
          + " arrived = ? WHERE topic = ?";
  static final String RETAIN_DELETE = "DELETE FROM retain USING TIMESTAMP ? WHERE topic = ?";
  static final String ACK =
      "UPDATE acked USING TIMESTAMP ? SET msgid = ?, published = ? WHERE clientid = ? AND topic = ?";

  static final String SELECT_SUBS = "SELECT topic, qos FROM sub WHERE clientid = ?";
  static final String SELECT_RETAINED =
      "SELECT msgid, sender, qos, payload, arrived FROM retain WHERE topic = ?";
  static final String SELECT_MSG =
      "SELECT msgid, sender, qos, retain, payload, arrived FROM msg WHERE topic = ? AND msgid = ?";
  static final String SELECT_MSGS =
      "SELECT msgid, sender, qos, retain, payload, arrived FROM msg WHERE topic = ? AND msgid IN ?";
  static final String SELECT_CURSOR =
      "SELECT msgid, published FROM acked WHERE clientid = ? AND topic = ?";

  /** Newest first, after the cursor (strictly) or from the time range's start (inclusive). */
  static final String TIMELINE_AFTER =
      "SELECT published, msgid FROM msg_timeline WHERE topic = ? AND (published, msgid) > (?, ?)"
          + " LIMIT ?";

  static final String TIMELINE_FROM =
      "SELECT published, msgid FROM msg_timeline WHERE topic = ? AND (published, msgid) >= (?, ?)"
          + " LIMIT ?";

  static final List<String> BUILT_INS =
      List.of(
          CONNECT,
          DISCONNECT,
          CONNECTED_AT,
          INSERT_MSG,
          INSERT_TIMELINE,
          RETAIN_SET,
          RETAIN_DELETE,
          ACK,
          SELECT_SUBS,
          SELECT_RETAINED,
          SELECT_MSG,
          SELECT_MSGS,
          SELECT_CURSOR,
          TIMELINE_AFTER,
          TIMELINE_FROM);

  private CassandraCql() {}
}
