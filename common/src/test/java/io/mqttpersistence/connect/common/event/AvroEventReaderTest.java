package io.mqttpersistence.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttpersistence.connect.common.testing.AvroEvents;
import io.mqttpersistence.connect.common.testing.ConfigExamples;
import io.mqttpersistence.connect.common.testing.Emqx5Events;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroEventReaderTest {
  private final Schema schema = AvroEvents.emqx5Schema();
  private final EventDecoder json = new EventDecoder(EventFormat.AUTO, Map.of());
  private final EventDecoder avro =
      new EventDecoder(
          EventFormat.AVRO,
          Map.of(),
          EnumSet.allOf(Hookpoint.class),
          AvroEventReader.fromConfig(
              "file:"
                  + ConfigExamples.repositoryRoot().resolve("config-examples/emqx5-event.avsc")));

  @Test
  void avroEventsDecodeLikeTheirJsonTwinsWithOrWithoutTheRegistryPrefix() {
    String[] events = {
      Emqx5Events.connected("c1", 1_700_000_000_000L),
      Emqx5Events.disconnected("c1", 1_700_000_000_500L, 1_700_000_000_000L),
      Emqx5Events.subscribed("c2", "t/+", 1, 1_700_000_000_001L),
      Emqx5Events.publish("c1", Emqx5Events.id(1), "t/1", 1, true, "{\"x\":1}", 1_700_000_000_002L),
      Emqx5Events.acked("c2", "c1", Emqx5Events.id(1), "t/1", 1, 1_700_000_000_003L),
    };
    for (String e : events) {
      BrokerEvent expected = (BrokerEvent) json.decode(e, "t", null);
      for (boolean prefixed : new boolean[] {false, true}) {
        BrokerEvent actual =
            (BrokerEvent) avro.decode(AvroEvents.encode(schema, e, prefixed), "t", null);
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(actual.payload()).isEqualTo(expected.payload());
        assertThat(actual.retain()).isEqualTo(expected.retain());
        assertThat(actual.timestampMs()).isEqualTo(expected.timestampMs());
        assertThat(actual.connectedAtMs()).isEqualTo(expected.connectedAtMs());
        assertThat(actual.fromClientid()).isEqualTo(expected.fromClientid());
        assertThat(actual.node()).isEqualTo(expected.node());
      }
    }
  }

  @Test
  void whatIsNotADatumOfTheSchemaIsBadInputNamingAvro() {
    assertThatThrownBy(
            () -> avro.decode("{\"event\":\"x\"}".getBytes(StandardCharsets.UTF_8), "t", null))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("not Avro of the schema");
    assertThatThrownBy(() -> avro.decode("text", "t", null))
        .hasMessageContaining("ByteArrayConverter");
  }

  @Test
  void schemaMistakesAreReadable() {
    assertThatThrownBy(() -> AvroEventReader.fromConfig("{\"type\": \"recor\"}"))
        .hasMessageContaining("not an Avro schema");
    assertThatThrownBy(() -> AvroEventReader.fromConfig("\"string\""))
        .hasMessageContaining("must be a record");
    assertThatThrownBy(() -> AvroEventReader.fromConfig("file:/no/such.avsc"))
        .hasMessageContaining("cannot read");
  }
}
