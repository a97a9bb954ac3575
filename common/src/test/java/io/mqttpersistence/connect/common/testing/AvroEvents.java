package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Encodes broker events with Apache Avro's own writer, as an EMQX rule's schema_encode or a
 * schema-registry serializer would: the JSON twin's fields, the payload as Avro bytes.
 */
public final class AvroEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroEvents() {}

  /** config-examples/emqx5-event.avsc, the schema the project documents. */
  public static Schema emqx5Schema() {
    try {
      return new Schema.Parser()
          .parse(
              Files.readString(
                  ConfigExamples.repositoryRoot().resolve("config-examples/emqx5-event.avsc")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Avro binary of a JSON event, with the 5-byte schema-registry prefix (magic 0, schema id 7)
   * when {@code prefixed}.
   */
  public static byte[] encode(Schema schema, String json, boolean prefixed) {
    try {
      Map<String, Object> fields = JSON.readValue(json, new TypeReference<>() {});
      GenericData.Record record = new GenericData.Record(schema);
      for (Schema.Field f : schema.getFields()) {
        Object v = fields.get(f.name());
        if (v == null) {
          continue;
        }
        if (f.name().equals("payload")) {
          v = ByteBuffer.wrap(v.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Number n && isLong(f.schema())) {
          v = n.longValue();
        }
        record.put(f.name(), v);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (prefixed) {
        out.write(new byte[] {0, 0, 0, 0, 7});
      }
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericData.Record>(schema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isLong(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      return s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.LONG);
    }
    return s.getType() == Schema.Type.LONG;
  }
}
