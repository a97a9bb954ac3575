package io.mqttpersistence.connect.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.Hookpoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

class MongoValuesTest {
  private static BrokerEvent publish(byte[] payload) {
    return new BrokerEvent(
        Hookpoint.MESSAGE_PUBLISH,
        "c",
        "t",
        1,
        payload,
        null,
        false,
        "c",
        1L,
        null,
        null,
        Map.of());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void payloadFormatsStoreJsonAsDocumentsTextAsTextAndBinaryAsBinary() {
    var json = MongoValues.PayloadFormat.MONGO_JSON;
    var text = MongoValues.PayloadFormat.PLAIN_TEXT;
    assertThat(MongoValues.payload(publish(utf8("{\"a\": {\"b\": [1, 2]}}")), json))
        .isEqualTo(new Document("a", new Document("b", List.of(1, 2))));
    assertThat(MongoValues.payload(publish(utf8("[1, \"x\"]")), json)).isEqualTo(List.of(1, "x"));
    assertThat(MongoValues.payload(publish(utf8("{\"a\": 1}")), text)).isEqualTo("{\"a\": 1}");
    assertThat(MongoValues.payload(publish(utf8("42")), json)).isEqualTo("42");
    assertThat(MongoValues.payload(publish(utf8("{broken")), json)).isEqualTo("{broken");
    assertThat(MongoValues.payload(publish(null), json)).isEqualTo("");
    byte[] binary = {(byte) 0xff, 0, (byte) 0xfe};
    assertThat(MongoValues.payload(publish(binary), json)).isEqualTo(new Binary(binary));
    assertThat(MongoValues.payload(publish(binary), text)).isEqualTo(new Binary(binary));
    assertThat(MongoValues.replyPayload(new Binary(binary)))
        .containsEntry("payload", "/wD+")
        .containsEntry("payload_encoding", "base64");
  }

  @Test
  void eventDataThatAnOperatorCouldReadIsStoredAsItsJsonText() {
    assertThat(
            MongoValues.payload(
                publish(utf8("{\"$where\": \"1\"}")), MongoValues.PayloadFormat.MONGO_JSON))
        .isEqualTo("{\"$where\": \"1\"}");
    assertThat(MongoValues.bson(Map.of("a", Map.of("$gt", ""))))
        .isEqualTo("{\"a\":{\"$gt\":\"\"}}");
    assertThat(MongoValues.bson(Map.of("a.b", 1))).isEqualTo("{\"a.b\":1}");
    assertThat(MongoValues.bson(List.of(Map.of("ok", 1), Map.of("$set", 2))))
        .isEqualTo("[{\"ok\":1},{\"$set\":2}]");
    assertThat(MongoValues.bson(Map.of("nul\0", 1))).isInstanceOf(String.class);
    Object deep = "x";
    for (int i = 0; i < 80; i++) {
      deep = Map.of("d", deep);
    }
    assertThat(MongoValues.bson(deep)).isInstanceOf(String.class);
    assertThat(MongoValues.bson(Map.of("fine", List.of(1, Map.of("x", true)))))
        .isEqualTo(new Document("fine", List.of(1, new Document("x", true))));
    assertThat(MongoValues.bson(21.5)).isEqualTo(21.5);
  }

  @Test
  void timesAreDatesOrEmqxSeconds() {
    assertThat(new MongoValues(false).time(1_700_000_000_123L))
        .isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(new MongoValues(true).time(1_700_000_000_999L)).isEqualTo(1_700_000_000L);
    assertThat(MongoValues.epochMs(1_700_000_000L)).isEqualTo(1_700_000_000_000L);
    assertThat(MongoValues.epochMs(new java.util.Date(5))).isEqualTo(5L);
    assertThat(MongoValues.epochMs(null)).isNull();
  }
}
