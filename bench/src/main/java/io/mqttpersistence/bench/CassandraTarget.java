package io.mqttpersistence.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.session.Session;
import io.mqttpersistence.connect.cassandra.CassandraBenchAccess;
import io.mqttpersistence.connect.cassandra.CassandraSinkTask;
import io.mqttpersistence.connect.common.connect.EventSinkConfig;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.store.EventStore;
import io.mqttpersistence.tools.cassandra.LocalCassandra;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Cassandra at {@code -Dbench.cassandra.nodes}, or by default a Cassandra 5.0 started from the
 * cassandra-all artifact in a child JVM (1 GB heap) on the same machine. Every path writes what
 * on_message_publish writes: the msg row and its msg_timeline entry, with write time and TTL 0.
 */
final class CassandraTarget implements Target {
  private static final String KEYSPACE = "mqtt_bench";

  /** The driver's best: this many async inserts in flight, as the connector's default allows. */
  private static final int IN_FLIGHT = 256;

  private final LocalCassandra server;
  private final String nodes;
  private final CqlSession session;

  CassandraTarget() {
    String given = System.getProperty("bench.cassandra.nodes", "").trim();
    if (given.isEmpty()) {
      server = LocalCassandra.create("1g");
      server.start();
      nodes = server.contactPoint();
    } else {
      server = null;
      nodes = given;
    }
    var b =
        CqlSession.builder()
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofMinutes(2))
                    .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
                    .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
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
  public String name() {
    return "cassandra";
  }

  @Override
  public String versions() {
    String release = session.execute("SELECT release_version FROM system.local").one().getString(0);
    return "Cassandra "
        + release
        + (server == null ? "" : " (cassandra-all, 1 GB heap, same machine)")
        + ", Java driver "
        + Session.OSS_DRIVER_COORDINATES.getVersion();
  }

  @Override
  public Map<String, String> connection() {
    return Map.of("cassandra.nodes", nodes, "cassandra.keyspace", KEYSPACE);
  }

  @Override
  public String connectorClass() {
    return "io.mqttpersistence.connect.cassandra.CassandraSinkConnector";
  }

  @Override
  public SinkTask newTask() {
    return new CassandraSinkTask();
  }

  @Override
  public SinkDefinition<?, ? extends EventSinkConfig> definition() {
    return CassandraBenchAccess.definition();
  }

  @Override
  public EventStore<?> storeWithoutIo() {
    return CassandraBenchAccess.storeWithoutServer();
  }

  @Override
  public void reset() {
    CassandraBenchAccess.createSchema(session, KEYSPACE);
    for (String t : new String[] {"client", "sub", "msg", "msg_timeline", "retain", "acked"}) {
      session.execute("TRUNCATE " + KEYSPACE + "." + t);
    }
  }

  @Override
  public long storedMessages() {
    return session.execute("SELECT COUNT(*) FROM " + KEYSPACE + ".msg").one().getLong(0);
  }

  /** The two statements of one event, bound as the connector binds them. */
  private List<BoundStatement> statements(Workload.Row r, List<PreparedStatement> ps) {
    String msgid = MessageIdFormat.BASE62.encode(r.msgidHex());
    long at = MessageIdFormat.microsOf(r.msgidHex()).orElse(r.arrivedMs() * 1000);
    ByteBuffer payload = ByteBuffer.wrap(r.payload().getBytes(StandardCharsets.UTF_8));
    return List.of(
        ps.get(0)
            .bind(
                r.topic(),
                msgid,
                r.sender(),
                r.qos(),
                0,
                payload,
                Instant.ofEpochMilli(r.arrivedMs()),
                at,
                0),
        ps.get(1).bind(r.topic(), at, msgid, at, 0));
  }

  private List<PreparedStatement> prepared() {
    reset();
    List<PreparedStatement> ps = new ArrayList<>();
    for (String cql : CassandraBenchAccess.publishStatements()) {
      ps.add(session.prepare(cql.replace("INTO ", "INTO " + KEYSPACE + ".")));
    }
    return ps;
  }

  /**
   * The driver's best technique: async prepared writes, {@value #IN_FLIGHT} in flight, an event's
   * two rows (one partition key, two tables) as one unlogged batch, i.e. one mutation. A first,
   * unmeasured pass warms the server's JIT, which the paths measured after it would otherwise enjoy
   * alone.
   */
  @Override
  public double limit(List<Workload.Row> rows) throws Exception {
    asyncPerEvent(rows.subList(0, Math.min(rows.size(), 50_000)));
    return asyncPerEvent(rows);
  }

  private double asyncPerEvent(List<Workload.Row> rows) throws InterruptedException {
    List<PreparedStatement> ps = prepared();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = System.nanoTime();
    for (Workload.Row r : rows) {
      inFlight.acquire();
      BatchStatement event =
          BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(statements(r, ps));
      all.add(
          session
              .executeAsync(event)
              .toCompletableFuture()
              .whenComplete((rs, t) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
    return SqlTarget.rate(rows.size(), start);
  }

  /** EMQX 4's pattern: one synchronous insert after the other. */
  @Override
  public double emqx4(List<Workload.Row> rows) {
    List<PreparedStatement> ps = prepared();
    long start = System.nanoTime();
    for (Workload.Row r : rows) {
      for (BoundStatement s : statements(r, ps)) {
        session.execute(s);
      }
    }
    return SqlTarget.rate(rows.size(), start);
  }

  /** EMQX 5's pattern: synchronous unlogged batches of 100 events, across partitions. */
  @Override
  public double emqx5(List<Workload.Row> rows) {
    List<PreparedStatement> ps = prepared();
    long start = System.nanoTime();
    for (int from = 0; from < rows.size(); from += 100) {
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
      for (Workload.Row r : rows.subList(from, Math.min(rows.size(), from + 100))) {
        statements(r, ps).forEach(batch::addStatement);
      }
      session.execute(batch.build());
    }
    return SqlTarget.rate(rows.size(), start);
  }

  @Override
  public void close() {
    session.close();
    if (server != null) {
      server.close();
    }
  }
}
