package io.mqttpersistence.connect.common.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.EventFormat;
import io.mqttpersistence.connect.common.event.Hookpoint;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** Values from schema-aware converters (JsonConverter with schemas, Avro) arrive as Structs. */
class RecordValuesTest {

  @Test
  void structsDecodeLikeTheirJson() {
    Schema flags = SchemaBuilder.struct().field("retain", Schema.BOOLEAN_SCHEMA).build();
    Schema schema =
        SchemaBuilder.struct()
            .field("event", Schema.STRING_SCHEMA)
            .field("clientid", Schema.STRING_SCHEMA)
            .field("topic", Schema.STRING_SCHEMA)
            .field("qos", Schema.INT32_SCHEMA)
            .field("payload", Schema.BYTES_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("flags", flags)
            .field("publish_received_at", Schema.INT64_SCHEMA)
            .build();
    Struct value =
        new Struct(schema)
            .put("event", "message.publish")
            .put("clientid", "c1")
            .put("topic", "a/b")
            .put("qos", 1)
            .put("payload", new byte[] {1, 2, 3})
            .put("id", "0006054DC3E940F8F445000038A60002")
            .put("flags", new Struct(flags).put("retain", true))
            .put("publish_received_at", 99L);

    BrokerEvent e =
        (BrokerEvent)
            new EventDecoder(EventFormat.AUTO, Map.of())
                .decode(RecordValues.plain(value), "t", null);

    assertThat(e.hookpoint()).isEqualTo(Hookpoint.MESSAGE_PUBLISH);
    assertThat(e.clientid()).isEqualTo("c1");
    assertThat(e.qos()).isEqualTo(1);
    assertThat(e.retain()).isTrue();
    assertThat(e.payload()).containsExactly(1, 2, 3);
    assertThat(e.timestampMs()).isEqualTo(99L);
  }
}
