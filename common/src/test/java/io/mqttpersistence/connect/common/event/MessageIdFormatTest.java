package io.mqttpersistence.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageIdFormatTest {

  @Test
  void base62MatchesEmqxTestVector() {
    assertThat(MessageIdFormat.BASE62.encode("0006054DC3E940F8F445000038A60002"))
        .isEqualTo("MzEyNjEzNTQzOTkzMDQyNzc0NTg3MDMwNzMwMTUxMDM0OTA");
  }

  @Test
  void base62AcceptsLowerCaseHex() {
    assertThat(MessageIdFormat.BASE62.encode("0006054dc3e940f8f445000038a60002"))
        .isEqualTo("MzEyNjEzNTQzOTkzMDQyNzc0NTg3MDMwNzMwMTUxMDM0OTA");
  }

  @Test
  void shortTailsAreNotPaddedOrShifted() {
    // "1" = 0x31 = 001100 01 -> values 12 ('M') and 1 ('B')
    assertThat(MessageIdFormat.base62("1".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MB");
    // "12" = 0x31 0x32 = 001100 010011 0010 -> 12 ('M'), 19 ('T'), 2 ('C')
    assertThat(MessageIdFormat.base62("12".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MTC");
  }

  @Test
  void valuesAbove60UseTwoCharacterEscapes() {
    // 0xFF 0xFF 0xFF = four groups of 63 -> "9C" each
    assertThat(MessageIdFormat.base62(new byte[] {-1, -1, -1})).isEqualTo("9C9C9C9C");
    // 0xF7 0xDF 0x7D = 111101 111101 111101 111101 -> 61 four times -> "9A"
    assertThat(MessageIdFormat.base62(new byte[] {(byte) 0xF7, (byte) 0xDF, (byte) 0x7D}))
        .isEqualTo("9A9A9A9A");
  }

  @Test
  void hexKeepsTheBrokersIdAndForeignIdsPassThrough() {
    assertThat(MessageIdFormat.HEX.encode("0006054DC3E940F8F445000038A60002"))
        .isEqualTo("0006054DC3E940F8F445000038A60002");
    assertThat(MessageIdFormat.BASE62.encode("not-a-guid")).isEqualTo("not-a-guid");
    assertThat(MessageIdFormat.BASE62.encode(null)).isNull();
  }

  @Test
  void storedIdsOfEitherFormatGiveBackTheBrokerTime() {
    String hex = "0006054DC3E940F8F445000038A60002";
    long micros = Long.parseLong("0006054DC3E940F8", 16);
    assertThat(MessageIdFormat.microsOf(hex)).hasValue(micros);
    assertThat(MessageIdFormat.microsOf(MessageIdFormat.BASE62.encode(hex))).hasValue(micros);
    assertThat(MessageIdFormat.microsOf("0")).isEmpty();
    assertThat(MessageIdFormat.microsOf("not an id!")).isEmpty();
    for (int n = 1; n < 40; n++) {
      byte[] bytes = "1234567890123456789012345678901234567890".substring(0, n).getBytes();
      assertThat(MessageIdFormat.unbase62(MessageIdFormat.base62(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void decimalConversionMatchesBigIntegerOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(7);
    long[][] edges = {
      {0, 0}, {0, 1}, {0, -1}, {-1, -1}, {1, 0}, {0, 999_999_999L}, {0, 1_000_000_000L}
    };
    for (long[] e : edges) {
      assertThat(new String(MessageIdFormat.decimalDigits(e[0], e[1]), StandardCharsets.US_ASCII))
          .isEqualTo(new BigInteger(String.format("%016x%016x", e[0], e[1]), 16).toString());
    }
    for (int i = 0; i < 10_000; i++) {
      long hi = random.nextLong() >>> random.nextInt(64);
      long lo = random.nextLong();
      assertThat(new String(MessageIdFormat.decimalDigits(hi, lo), StandardCharsets.US_ASCII))
          .isEqualTo(new BigInteger(String.format("%016x%016x", hi, lo), 16).toString());
    }
  }
}
