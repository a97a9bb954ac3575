package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each CQL text prepared once per session, and bound by its markers' types. */
final class PreparedStatements {
  private final CqlSession session;
  private final Map<String, PreparedStatement> byCql = new ConcurrentHashMap<>();

  PreparedStatements(CqlSession session) {
    this.session = session;
  }

  PreparedStatement get(String cql) {
    PreparedStatement ps = byCql.get(cql);
    if (ps == null) {
      ps = session.prepare(cql); // outside computeIfAbsent: a prepare is a round trip
      byCql.putIfAbsent(cql, ps);
    }
    return ps;
  }

  /**
   * @throws IllegalArgumentException when a value does not fit its column
   */
  BoundStatement bind(String cql, List<Object> values) {
    return CqlValues.bind(get(cql), values, session.getContext().getCodecRegistry()).build();
  }
}
