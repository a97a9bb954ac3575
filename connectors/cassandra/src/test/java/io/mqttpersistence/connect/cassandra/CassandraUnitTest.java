package io.mqttpersistence.connect.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.type.DataTypes;
import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.template.Placeholders;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Config, write times, value binding and planning, without a server. */
class CassandraUnitTest {
  private static final long T = 1_700_000_000_000L;

  private static CassandraSinkConfig config(String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return new CassandraSinkConfig(p);
  }

  private static BrokerEvent event(
      Hookpoint h, String clientid, String topic, String hexId, long at, Long connectedAt) {
    return new BrokerEvent(
        h,
        clientid,
        topic,
        1,
        "p".getBytes(StandardCharsets.UTF_8),
        hexId,
        false,
        "sender",
        at,
        connectedAt,
        "node1",
        Map.of());
  }

  @Test
  void emqxPoolKeysParseAndSecretsStayHidden() {
    CassandraSinkConfig c =
        config(
            "cassandra.nodes", "a:9043, b",
            "cassandra.username", "cassandra",
            "cassandra.password", "s3cret",
            "cassandra.auto_reconnect", "1",
            "cassandra.logger", "info");
    assertThat(c.nodes())
        .extracting(n -> n.getHostString() + ":" + n.getPort())
        .containsExactly("a:9043", "b:9042");
    assertThat(c.keyspace()).isEqualTo("mqtt");
    assertThat(c.consistency()).isEqualTo("LOCAL_QUORUM");
    assertThat(c.describe()).doesNotContain("s3cret");
    assertThatThrownBy(() -> config("cassandra.nodes", "a:x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cassandra.nodes");
    assertThatThrownBy(() -> config("cassandra.keyspace", "mqtt; DROP"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cassandra.keyspace");
    assertThatThrownBy(() -> config("cassandra.username", "u"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cassandra.password");
    assertThatThrownBy(() -> config("cassandra.consistency", "ANY"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void writeTimesComeFromThePublishTimeInTheIdAndBreakClientTiesOnPurpose() {
    String id = Emqx5Events.guid(T, 123);
    BrokerEvent ack = event(Hookpoint.MESSAGE_ACKED, "c", "t", id, T + 5000, null);
    assertThat(WriteTimes.messageMicros(ack, id)).isEqualTo(T * 1000 + 123);
    assertThat(WriteTimes.messageMicros(ack, "not-a-guid")).isEqualTo((T + 5000) * 1000);
    BrokerEvent connect = event(Hookpoint.CLIENT_CONNECTED, "c", null, null, T, null);
    BrokerEvent endsThisOne = event(Hookpoint.CLIENT_DISCONNECTED, "c", null, null, T, T);
    BrokerEvent endsAnOlderOne = event(Hookpoint.CLIENT_DISCONNECTED, "c", null, null, T, T - 9);
    BrokerEvent namesNone = event(Hookpoint.CLIENT_DISCONNECTED, "c", null, null, T, null);
    assertThat(WriteTimes.disconnectMicros(endsThisOne))
        .isGreaterThan(WriteTimes.connectMicros(connect));
    assertThat(WriteTimes.disconnectMicros(namesNone))
        .isGreaterThan(WriteTimes.connectMicros(connect));
    assertThat(WriteTimes.disconnectMicros(endsAnOlderOne))
        .isEqualTo(WriteTimes.connectMicros(connect));
  }

  @Test
  void valuesBindByTheColumnTypeOrFailNamingWhy() {
    assertThat(CqlValues.convert(DataTypes.INT, "41")).isEqualTo(41);
    assertThat(CqlValues.convert(DataTypes.INT, "41".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(41);
    assertThat(CqlValues.convert(DataTypes.TEXT, new byte[] {'h', 'i'})).isEqualTo("hi");
    assertThat(CqlValues.convert(DataTypes.BLOB, "hi"))
        .isEqualTo(ByteBuffer.wrap(new byte[] {'h', 'i'}));
    assertThat(CqlValues.convert(DataTypes.BOOLEAN, 1)).isEqualTo(true);
    assertThat(CqlValues.convert(DataTypes.TIMESTAMP, 1_700_000_000L))
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(CqlValues.convert(DataTypes.TIMESTAMP, T)).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(CqlValues.convert(DataTypes.TIMESTAMP, "2023-11-14 22:13:20"))
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThatThrownBy(() -> CqlValues.convert(DataTypes.INT, "warm"))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> CqlValues.convert(DataTypes.INT, 3_000_000_000L))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> CqlValues.convert(DataTypes.TINYINT, 300))
        .isInstanceOf(ArithmeticException.class);
  }

  private static HookSpec hook(String key, String json) {
    return HookParser.parse(Map.of(key, json)).hooks().get(0);
  }

  @Test
  void rawCqlBindsMarkersNeverSplicesAndWritesOnly() {
    Placeholders p = new Placeholders(MessageIdFormat.BASE62);
    CqlTemplateAction a =
        CqlTemplateAction.compile(
            "hook.message.publish.9",
            List.of("insert into ks.audit (c, p) values (${clientid}, ${payload})"),
            p);
    assertThat(a.cql()).containsExactly("insert into ks.audit (c, p) values (?, ?)");
    CassandraPlan plan = new CassandraPlan();
    String evil = "x'); DROP TABLE msg; --";
    a.plan(event(Hookpoint.MESSAGE_PUBLISH, evil, "t", null, T, null), plan);
    CassandraOp.Write w = (CassandraOp.Write) plan.ops().get(0);
    assertThat(w.cql()).doesNotContain("DROP");
    assertThat(w.values().get(0)).isEqualTo(evil);
    assertThat(w.values().get(1)).isEqualTo("p".getBytes(StandardCharsets.UTF_8));
    assertThat(w.queryTimestamp()).isEqualTo(T * 1000);
    assertThat(w.table()).isEqualTo("audit");
    assertThatThrownBy(
            () ->
                CqlTemplateAction.compile(
                    "k", List.of("insert into t (a) values ('${clientid}')"), p))
        .isInstanceOf(HookConfigException.class)
        .hasMessageContaining("remove the quotes");
    assertThatThrownBy(() -> CqlTemplateAction.compile("k", List.of("SELECT * FROM msg"), p))
        .isInstanceOf(HookConfigException.class)
        .hasMessageContaining("cql actions write");
  }

  @Test
  void anAckIsWrittenAtItsMessagesPublishTime() {
    CassandraFunctions f = new CassandraFunctions(MessageIdFormat.BASE62, 0);
    HookSpec spec =
        hook(
            "hook.message.acked.1",
            "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_acked\"}}");
    String id = Emqx5Events.guid(T, 7);
    CassandraPlan plan = new CassandraPlan();
    f.compile(spec, "on_message_acked")
        .plan(event(Hookpoint.MESSAGE_ACKED, "rx", "t/1", id, T + 60_000, null), plan);
    CassandraOp.Write w = (CassandraOp.Write) plan.ops().get(0);
    assertThat(w.cql()).isEqualTo(CassandraCql.ACK);
    assertThat(w.values())
        .containsExactly(
            T * 1000 + 7, MessageIdFormat.BASE62.encode(id), T * 1000 + 7, "rx", "t/1");
    HookSpec lookup =
        hook("hook.client.connected.2", "{\"action\": {\"function\": \"on_subscription_lookup\"}}");
    assertThat(f.compile(lookup, "on_subscription_lookup").isLookup()).isTrue();
  }
}
