package io.mqttpersistence.connect.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedMessageIdsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSameMessageAlwaysGetsTheSameId() {
    String a = DerivedMessageIds.derive("c1", "t/1", utf8("x"), 1_700_000_000_000L);
    assertThat(DerivedMessageIds.derive("c1", "t/1", utf8("x"), 1_700_000_000_000L)).isEqualTo(a);
    assertThat(a).matches("[0-9A-F]{32}");
    assertThat(MessageIdFormat.BASE62.encode(a)).isNotEqualTo(a); // stored like a broker GUID
  }

  @Test
  void anyDifferenceInSenderTopicPayloadOrTimeGivesAnotherId() {
    Set<String> ids = new HashSet<>();
    ids.add(DerivedMessageIds.derive("c1", "t/1", utf8("x"), 1000));
    ids.add(DerivedMessageIds.derive("c2", "t/1", utf8("x"), 1000));
    ids.add(DerivedMessageIds.derive("c1", "t/2", utf8("x"), 1000));
    ids.add(DerivedMessageIds.derive("c1", "t/1", utf8("y"), 1000));
    ids.add(DerivedMessageIds.derive("c1", "t/1", utf8("x"), 1001));
    ids.add(DerivedMessageIds.derive("c1", "t/1", null, 1000));
    ids.add(DerivedMessageIds.derive("c1t", "/1", utf8("x"), 1000)); // fields cannot shift
    assertThat(ids).hasSize(7);
    Set<String> many = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(DerivedMessageIds.derive("c", "t", utf8(Integer.toString(i)), 5));
    }
    assertThat(many).hasSize(100_000);
  }

  @Test
  void idsBeginWithTheMessageTimeSoTheySortByIt() {
    long previous = 0;
    for (long t = 1_700_000_000_000L; t < 1_700_000_000_000L + 50; t++) {
      String id = DerivedMessageIds.derive("c", "t", utf8("p" + (t * 7 % 13)), t);
      long micros = MessageIdFormat.microsOf(id).getAsLong();
      assertThat(micros / 1000).isEqualTo(t);
      assertThat(micros).isGreaterThan(previous);
      previous = micros;
    }
  }
}
