package io.mqttpersistence.demo;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's Cassandra: keyspace mqtt_demo, dropped first; the connector creates the tables. */
final class CassandraDemoTarget implements DemoTarget, AutoCloseable {
  private final String nodes;
  private final CqlSession session;

  CassandraDemoTarget(String nodes) {
    this.nodes = nodes;
    var b =
        CqlSession.builder()
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                    .build());
    for (String n : nodes.split(",", -1)) {
      int colon = n.lastIndexOf(':');
      b =
          b.addContactPoint(
              new InetSocketAddress(
                  n.substring(0, colon).trim(), Integer.parseInt(n.substring(colon + 1).trim())));
    }
    session = b.build();
  }

  @Override
  public void prepare() {
    session.execute("DROP KEYSPACE IF EXISTS " + DATABASE);
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("cassandra.nodes", nodes, "cassandra.keyspace", DATABASE);
  }

  @Override
  public boolean ready() {
    return session
        .refreshSchema()
        .getKeyspace(CqlIdentifier.fromCql(DATABASE))
        .flatMap(k -> k.getTable("msg_timeline"))
        .isPresent();
  }

  @Override
  public void addSampleSubscription() {
    session.execute(
        "INSERT INTO "
            + DATABASE
            + ".sub (clientid, topic, qos) VALUES ('dashboard', 'sensors/+/temp', 1)");
  }

  @Override
  public boolean endMarkerStored() {
    return session.execute("SELECT msgid FROM " + DATABASE + ".msg WHERE topic = 'demo/end'").one()
        != null;
  }

  @Override
  public void printStored() {
    for (String t : new String[] {"client", "sub", "msg", "msg_timeline", "retain", "acked"}) {
      Demo.say(t + ":");
      ResultSet rs = session.execute("SELECT * FROM " + DATABASE + "." + t);
      for (Row r : rs) {
        List<String> cells = new ArrayList<>();
        for (ColumnDefinition c : r.getColumnDefinitions()) {
          Object v = r.getObject(c.getName());
          if (v instanceof ByteBuffer b) {
            v = StandardCharsets.UTF_8.decode(b.duplicate()).toString();
          }
          cells.add(c.getName().asInternal() + "=" + v);
        }
        System.out.println("  " + String.join(", ", cells));
      }
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
