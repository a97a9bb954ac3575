package io.mqttpersistence.connect.common.event;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Avro binary record values against the writer schema the config names, into the same plain
 * fields JSON decodes into (strings, numbers, booleans, maps, lists; {@code bytes} as byte arrays).
 *
 * <p>Values may carry the 5-byte schema-registry prefix (magic byte 0, then a 4-byte schema id),
 * which is skipped: a value starting with byte 0 is read after the prefix when that reads the whole
 * value as one datum, and from its first byte otherwise (Avro data can itself begin with 0).
 */
public final class AvroEventReader {
  private static final int PREFIX = 5;
  private final Schema schema;
  private final GenericDatumReader<Object> reader;

  private AvroEventReader(Schema schema) {
    this.schema = schema;
    this.reader = new GenericDatumReader<>(schema);
  }

  /**
   * The schema from {@code event.avro.schema}: its JSON, or {@code file:} and a path to it.
   *
   * @throws IllegalArgumentException with a readable reason when it is not a record schema
   */
  public static AvroEventReader fromConfig(String value) {
    String json = value.trim();
    if (json.startsWith("file:")) {
      try {
        json = Files.readString(Path.of(json.substring("file:".length())));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the Avro schema file: " + e.getMessage());
      }
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(json);
    } catch (RuntimeException e) {
      // Avro reports some mistakes (an unknown type name) as other runtime exceptions.
      throw new IllegalArgumentException("not an Avro schema: " + e.getMessage());
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "the Avro schema must be a record, not " + schema.getType());
    }
    return new AvroEventReader(schema);
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Decodes one value.
   *
   * @throws MalformedEventException naming Avro when the bytes are not a datum of the schema
   */
  public Map<String, Object> read(byte[] value) {
    if (value.length > PREFIX && value[0] == 0) {
      Object prefixed = readWhole(value, PREFIX);
      if (prefixed != null) {
        return fields(prefixed);
      }
    }
    Object plain = readWhole(value, 0);
    if (plain == null) {
      throw new MalformedEventException(
          "record value is not Avro of the schema in event.avro.schema ("
              + schema.getFullName()
              + "), with or without a schema-registry prefix");
    }
    return fields(plain);
  }

  /** The datum at {@code offset} when it is exactly the rest of the value, else null. */
  private Object readWhole(byte[] value, int offset) {
    try {
      BinaryDecoder in =
          DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, null);
      Object datum = reader.read(null, in);
      return in.isEnd() ? datum : null;
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object datum) {
    return (Map<String, Object>) plain(datum);
  }

  private static Object plain(Object v) {
    if (v instanceof GenericRecord r) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Schema.Field f : r.getSchema().getFields()) {
        out.put(f.name(), plain(r.get(f.pos())));
      }
      return out;
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof ByteBuffer b) {
      ByteBuffer copy = b.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
    if (v instanceof GenericFixed f) {
      return f.bytes().clone();
    }
    if (v instanceof GenericEnumSymbol<?> e) {
      return e.toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k.toString(), plain(x)));
      return out;
    }
    if (v instanceof GenericData.Array<?> || v instanceof List<?>) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<?>) v) {
        out.add(plain(x));
      }
      return out;
    }
    return v;
  }
}
