package io.mqttpersistence.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
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
    BrokerEvent e = (BrokerEvent) auto.decode(json, "any", null);
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
        (BrokerEvent)
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
    BrokerEvent e =
        (BrokerEvent) auto.decode(json.getBytes(StandardCharsets.UTF_8), "message_publish", 5L);
    assertThat(e.hookpoint()).isEqualTo(Hookpoint.MESSAGE_PUBLISH);
    assertThat(e.clientid()).isEqualTo("c1");
    assertThat(e.payloadText()).isEqualTo("hello");
    assertThat(e.timestampMs()).isEqualTo(1600000000000L);
  }

  @Test
  void subscriptionTopicsLoseTheirSharePrefix() {
    BrokerEvent shared =
        (BrokerEvent)
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
        (BrokerEvent)
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
        (BrokerEvent)
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
    BrokerEvent e =
        (BrokerEvent) auto.decode(Map.of("event", "client.connected", "clientid", "c"), "t", 42L);
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
  }

  @Test
  void skipsValidEventsNoHookHandlesWithoutCheckingTheirFields() {
    assertThat(auto.decode(Map.of("event", "message.dropped", "clientid", "c"), "t", 1L))
        .isEqualTo(new Skipped(Skipped.Reason.UNHANDLED_EVENT, "message.dropped"));
    assertThat(auto.decode(Map.of("event", "$events/session_created"), "t", 1L))
        .isEqualTo(new Skipped(Skipped.Reason.UNHANDLED_EVENT, "$events/session_created"));
    assertThat(auto.decode(Map.of("event", "client.teleported"), "t", 1L))
        .isEqualTo(new Skipped(Skipped.Reason.UNKNOWN_EVENT, "client.teleported"));
    EventDecoder connectsOnly =
        new EventDecoder(EventFormat.AUTO, Map.of(), Set.of(Hookpoint.CLIENT_CONNECTED), null);
    // A delivered event without a clientid would be bad input for a delivered hook; here none.
    assertThat(connectsOnly.decode(Map.of("event", "message.delivered"), "t", 1L))
        .isEqualTo(new Skipped(Skipped.Reason.UNHANDLED_EVENT, "message.delivered"));
    assertThatThrownBy(() -> connectsOnly.decode(Map.of("event", "client.connected"), "t", 1L))
        .hasMessageContaining("no clientid");
  }

  @Test
  void bridgePublishesAndAcksWithoutIdsShareADerivedId() {
    String payload = Base64.getEncoder().encodeToString("21.5".getBytes(StandardCharsets.UTF_8));
    EventDecoder bridge =
        new EventDecoder(
            EventFormat.EMQX4_BRIDGE,
            Map.of(
                "message_publish", Hookpoint.MESSAGE_PUBLISH,
                "message_acked", Hookpoint.MESSAGE_ACKED));
    String publish =
        "{\"client_id\":\"s1\",\"username\":\"u\",\"topic\":\"t/1\",\"payload\":\""
            + payload
            + "\",\"qos\":1,\"node\":\"emqx@n1\",\"ts\":1700000000123}";
    String acked =
        "{\"clientid\":\"r1\",\"username\":\"u\",\"from\":\"s1\",\"topic\":\"t/1\",\"payload\":\""
            + payload
            + "\",\"qos\":1,\"node\":\"emqx@n2\",\"ts\":1700000000123}";
    BrokerEvent p = (BrokerEvent) bridge.decode(publish, "message_publish", 5L);
    BrokerEvent again = (BrokerEvent) bridge.decode(publish, "message_publish", 9L);
    BrokerEvent a = (BrokerEvent) bridge.decode(acked, "message_acked", 7L);
    assertThat(p.messageIdHex()).matches("[0-9A-F]{32}").isEqualTo(again.messageIdHex());
    assertThat(a.messageIdHex()).isEqualTo(p.messageIdHex());
    assertThat(a.clientid()).isEqualTo("r1");
    assertThat(a.fromClientid()).isEqualTo("s1");
    assertThat(MessageIdFormat.microsOf(p.messageIdHex()).getAsLong() / 1000)
        .isEqualTo(1700000000123L);
    // An ack that names no publisher cannot derive it: its functions report the missing id.
    BrokerEvent orphan =
        (BrokerEvent) bridge.decode(acked.replace("\"from\":\"s1\",", ""), "message_acked", 7L);
    assertThat(orphan.messageIdHex()).isNull();
  }
}
