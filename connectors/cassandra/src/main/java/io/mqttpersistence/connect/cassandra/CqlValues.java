package io.mqttpersistence.connect.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Binds plain values (strings, numbers, booleans, bytes, instants, lists) to a prepared statement
 * by the types Cassandra declares for its markers: so {@code ${qos}} fills an int column, {@code
 * ${payload}} a blob or a text column (EMQX's docs show both), and {@code ${timestamp}} a
 * timestamp. A value that does not fit its column is the event's data error, never a silent cast.
 */
final class CqlValues {
  private static final DateTimeFormatter TIMESTAMP_STR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Numbers below this bound a timestamp column as seconds ({@code ${timestamp}}), above as ms. */
  private static final long SECONDS_BELOW = 100_000_000_000L;

  private CqlValues() {}

  /**
   * A statement bound with the values in marker order.
   *
   * @throws IllegalArgumentException naming the marker whose value does not fit
   */
  static BoundStatementBuilder bind(
      PreparedStatement ps, List<Object> values, CodecRegistry codecs) {
    ColumnDefinitions vars = ps.getVariableDefinitions();
    if (vars.size() != values.size()) {
      throw new IllegalStateException(
          "the statement has " + vars.size() + " markers, " + values.size() + " values were given");
    }
    BoundStatementBuilder b = ps.boundStatementBuilder();
    for (int i = 0; i < values.size(); i++) {
      ColumnDefinition var = vars.get(i);
      Object v = values.get(i);
      if (v == null) {
        b = b.setToNull(i);
        continue;
      }
      Object converted;
      try {
        converted = convert(var.getType(), v);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "value of marker "
                + (i + 1)
                + " ("
                + var.getName().asCql(true)
                + ", "
                + var.getType().asCql(false, true)
                + ") does not fit: "
                + e.getMessage(),
            e);
      }
      TypeCodec<Object> codec = codecs.codecFor(var.getType());
      b = b.set(i, converted, codec);
    }
    return b;
  }

  static Object convert(DataType t, Object v) {
    if (t.equals(DataTypes.TEXT) || t.equals(DataTypes.ASCII)) {
      return text(v);
    }
    if (t.equals(DataTypes.INT)) {
      return Math.toIntExact(integer(v));
    }
    if (t.equals(DataTypes.BIGINT) || t.equals(DataTypes.COUNTER)) {
      return integer(v);
    }
    if (t.equals(DataTypes.SMALLINT)) {
      long n = integer(v);
      if (n != (short) n) {
        throw new ArithmeticException(n + " is out of smallint range");
      }
      return (short) n;
    }
    if (t.equals(DataTypes.TINYINT)) {
      long n = integer(v);
      if (n != (byte) n) {
        throw new ArithmeticException(n + " is out of tinyint range");
      }
      return (byte) n;
    }
    if (t.equals(DataTypes.BOOLEAN)) {
      return bool(v);
    }
    if (t.equals(DataTypes.BLOB)) {
      return v instanceof byte[] b
          ? ByteBuffer.wrap(b)
          : ByteBuffer.wrap(text(v).getBytes(StandardCharsets.UTF_8));
    }
    if (t.equals(DataTypes.TIMESTAMP)) {
      return instant(v);
    }
    if (t.equals(DataTypes.DOUBLE)) {
      return v instanceof Number n ? n.doubleValue() : Double.parseDouble(text(v));
    }
    if (t.equals(DataTypes.FLOAT)) {
      return v instanceof Number n ? n.floatValue() : Float.parseFloat(text(v));
    }
    if (t.equals(DataTypes.VARINT)) {
      return v instanceof BigInteger b ? b : new BigInteger(text(v).trim());
    }
    if (t.equals(DataTypes.DECIMAL)) {
      return v instanceof BigDecimal d ? d : new BigDecimal(text(v).trim());
    }
    if (t.equals(DataTypes.UUID) || t.equals(DataTypes.TIMEUUID)) {
      return v instanceof UUID u ? u : UUID.fromString(text(v).trim());
    }
    return v; // collections and the rest: the codec registry decides, or the bind fails
  }

  private static String text(Object v) {
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return v.toString();
  }

  private static long integer(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      return d.longValueExact();
    }
    return Long.parseLong(text(v).trim());
  }

  private static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    return switch (text(v).trim().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException("'" + v + "' is not a boolean");
    };
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Number n) {
      long x = n.longValue();
      return Math.abs(x) < SECONDS_BELOW ? Instant.ofEpochSecond(x) : Instant.ofEpochMilli(x);
    }
    String s = text(v).trim();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException notIso) {
      return LocalDateTime.parse(s, TIMESTAMP_STR).toInstant(ZoneOffset.UTC);
    }
  }
}
