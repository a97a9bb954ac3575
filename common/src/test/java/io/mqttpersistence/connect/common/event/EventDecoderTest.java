package io.mqttpersistence.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private final EventDecoder auto =
      new EventDecoder(
          EventFormat.AUTO,
          Map.of(
              "message_publish",
              Hookpoint.MESSAGE_PUBLISH,
              "client_connected",
              Hookpoint.CLIENT_CONNECTED));

  @Test
  void decodesEmqx5PublishFromTheDocsSample() {
    String json =
        "{\"username\":\"undefined\",\"topic\":\"t/1\",\"timestamp\":1694681417728,\"qos\":0,"
            + "\"publish_received_at\":1694681417727,\"pub_props\":{\"User-Property\":{}},\"peerhost\":\"127.0.0.1\","
            + "\"payload\":\"{ \\\"msg\\\": \\\"Hello Webhook\\\" }\",\"node\":\"emqx@127.0.0.1\","
            + "\"metadata\":{\"rule_id\":\"my-webhook_WH_D\"},\"id\":\"0006054DC3E940F8F445000038A60002\","
            + "\"flags\":{\"retain\":false,\"dup\":false},\"event\":\"message.publish\",\"clientid\":\"emqx_c\"}";
    BrokerEvent e = auto.decode(json, "any", null);
    assertThat(e.hookpoint()).isEqualTo(Hookpoint.MESSAGE_PUBLISH);
    assertThat(e.clientid()).isEqualTo("emqx_c");
    assertThat(e.fromClientid()).isEqualTo("emqx_c");
    assertThat(e.topic()).isEqualTo("t/1");
    assertThat(e.qos()).isZero();
    assertThat(e.retain()).isFalse();
    assertThat(e.payloadText()).isEqualTo("{ \"msg\": \"Hello Webhook\" }");
    assertThat(e.messageIdHex()).isEqualTo("0006054DC3E940F8F445000038A60002");
    assertThat(e.timestampMs()).isEqualTo(1694681417727L); // message time, not event time
    assertThat(e.node()).isEqualTo("emqx@127.0.0.1");
  }

  @Test
  void keepsEachJsonNumberInTheNarrowestType() {
    BrokerEvent e =
        auto.decode(
            "{\"event\":\"client.connected\",\"clientid\":\"c\",\"timestamp\":1,\"small\":7,"
                + "\"big\":5000000000,\"huge\":123456789012345678901234567890,\"f\":1.5,"
                + "\"t\":true,\"n\":null,\"list\":[1,[2]]}",
            "any",
            null);
    assertThat(e.fields().get("small")).isEqualTo(7);
    assertThat(e.fields().get("big")).isEqualTo(5_000_000_000L);
    assertThat(e.fields().get("huge"))
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(e.fields().get("f")).isEqualTo(1.5);
    assertThat(e.fields().get("t")).isEqualTo(true);
    assertThat(e.fields()).containsEntry("n", null);
    assertThat(e.fields().get("list")).isEqualTo(java.util.List.of(1, java.util.List.of(2)));
  }

  @Test
  void decodesBridgeJsonWithBase64PayloadThroughTheTopicMap() {
    String json =
        "{\"client_id\":\"c1\",\"username\":\"u\",\"topic\":\"a/b\",\"payload\":\"aGVsbG8=\","
            + "\"qos\":1,\"node\":\"n\",\"ts\":1600000000000}";
    BrokerEvent e = auto.decode(json.getBytes(StandardCharsets.UTF_8), "message_publish", 5L);
    assertThat(e.hookpoint()).isEqualTo(Hookpoint.MESSAGE_PUBLISH);
    assertThat(e.clientid()).isEqualTo("c1");
    assertThat(e.payloadText()).isEqualTo("hello");
    assertThat(e.timestampMs()).isEqualTo(1600000000000L);
  }

  @Test
  void subscriptionTopicsLoseTheirSharePrefix() {
    BrokerEvent shared =
        auto.decode(
            Map.of(
                "event",
                "session.subscribed",
                "clientid",
                "c",
                "topic",
                "$share/g1/x/y",
                "qos",
                1,
                "timestamp",
                1),
            "t",
            null);
    BrokerEvent queued =
        auto.decode(
            Map.of(
                "event",
                "session.subscribed",
                "clientid",
                "c",
                "topic",
                "$queue/x/y",
                "qos",
                1,
                "timestamp",
                1),
            "t",
            null);
    assertThat(shared.topic()).isEqualTo("x/y");
    assertThat(queued.topic()).isEqualTo("x/y");
  }

  @Test
  void disconnectKeepsConnectedAtAndUsesDisconnectTime() {
    BrokerEvent e =
        auto.decode(
            Map.of(
                "event",
                "client.disconnected",
                "clientid",
                "c",
                "disconnected_at",
                20L,
                "connected_at",
                10L,
                "timestamp",
                21L),
            "t",
            null);
    assertThat(e.timestampMs()).isEqualTo(20L);
    assertThat(e.connectedAtMs()).isEqualTo(10L);
  }

  @Test
  void recordTimestampIsTheLastResort() {
    BrokerEvent e = auto.decode(Map.of("event", "client.connected", "clientid", "c"), "t", 42L);
    assertThat(e.timestampMs()).isEqualTo(42L);
  }

  @Test
  void rejectsWhatIsNotABrokerEventWithAReason() {
    assertThatThrownBy(() -> auto.decode("nope", "t", 1L))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> auto.decode("[1]", "t", 1L)).hasMessageContaining("not an object");
    assertThatThrownBy(() -> auto.decode(null, "t", 1L)).hasMessageContaining("tombstone");
    assertThatThrownBy(() -> auto.decode(Map.of("clientid", "c"), "unmapped", 1L))
        .hasMessageContaining("event.topic.map");
    assertThatThrownBy(
            () -> auto.decode(Map.of("event", "message.publish", "clientid", "c"), "t", 1L))
        .hasMessageContaining("no topic");
    assertThatThrownBy(
            () -> auto.decode(Map.of("event", "client.connected", "topic", "x"), "t", 1L))
        .hasMessageContaining("no clientid");
    assertThatThrownBy(
            () ->
                auto.decode(
                    Map.of("event", "message.publish", "clientid", "c", "topic", "t", "qos", 3),
                    "t",
                    1L))
        .hasMessageContaining("qos must be 0, 1 or 2");
    assertThatThrownBy(
            () -> auto.decode(Map.of("event", "message.dropped", "clientid", "c"), "t", 1L))
        .hasMessageContaining("unsupported event");
  }
}
