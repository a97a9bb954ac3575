package io.mqttpersistence.connect.common.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "#, a/b/c, true",
    "#, a, true",
    "a/#, a, true",
    "a/#, a/b/c, true",
    "a/#, ab, false",
    "a/+, a/b, true",
    "a/+, a/, true",
    "a/+, a, false",
    "a/+, a/b/c, false",
    "+/+, a/b, true",
    "+, '', true",
    "a/b, a/b, true",
    "a/b, a/bc, false",
    "a/b, a/b/c, false",
    "a/+/c, a/x/c, true",
    "a/+/c, a/x/d, false",
    "#, $SYS/broker, false",
    "+/broker, $SYS/broker, false",
    "$SYS/#, $SYS/broker, true",
    "$share/g/a/+, a/b, true",
    "$queue/a/#, a/b, true"
  })
  void matchesLikeTheBroker(String filter, String topic, boolean expected) {
    assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
  }

  @Test
  void rejectsInvalidFilters() {
    assertThatThrownBy(() -> TopicFilter.parse("a/#/b"))
        .hasMessageContaining("'#' must be the whole last level");
    assertThatThrownBy(() -> TopicFilter.parse("a/b#")).hasMessageContaining("'#'");
    assertThatThrownBy(() -> TopicFilter.parse("a/b+/c"))
        .hasMessageContaining("'+' must be a whole level");
    assertThatThrownBy(() -> TopicFilter.parse("")).hasMessageContaining("empty");
  }
}
