package io.mqttpersistence.connect.common.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttpersistence.connect.common.event.BrokerEvent;
import io.mqttpersistence.connect.common.event.EventDecoder;
import io.mqttpersistence.connect.common.event.EventFormat;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final Placeholders placeholders = new Placeholders(MessageIdFormat.BASE62);
  private final BrokerEvent publish =
      (BrokerEvent)
          new EventDecoder(EventFormat.AUTO, Map.of())
              .decode(
                  "{\"event\":\"message.publish\",\"clientid\":\"a b'c\\nd\",\"username\":\"u1\",\"topic\":\"t/1\","
                      + "\"qos\":1,\"payload\":\"{\\\"temp\\\":21.5,\\\"room\\\":{\\\"id\\\":7}}\","
                      + "\"id\":\"0006054DC3E940F8F445000038A60002\",\"flags\":{\"retain\":true,\"dup\":false},"
                      + "\"publish_received_at\":1694681417728,\"timestamp\":1694681417729}",
                  "t",
                  null);

  @Test
  void replacesPlaceholdersWithBindMarkersAndBindsValues() {
    Template t =
        Template.compile(
            "insert into m(c, t, q, id, p, r, ts, s, u) values (${clientid}, ${topic},"
                + " ${qos}, ${msgid}, ${payload}, ${retain}, ${timestamp}, ${timestamp_str}, ${username})",
            "?",
            placeholders);
    assertThat(t.text())
        .isEqualTo("insert into m(c, t, q, id, p, r, ts, s, u) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    assertThat(t.bind(publish))
        .containsExactly(
            "a b'c\nd",
            "t/1",
            1,
            "MzEyNjEzNTQzOTkzMDQyNzc0NTg3MDMwNzMwMTUxMDM0OTA",
            "{\"temp\":21.5,\"room\":{\"id\":7}}",
            1,
            1694681418L,
            "2023-09-14 08:50:17",
            "u1");
  }

  @Test
  void reachesNestedFieldsAndJsonPayloadMembers() {
    Template t =
        Template.compile(
            "${flags.dup} ${payload.temp} ${payload.room.id} ${payload.missing}"
                + " ${peerhost} ${flags}",
            "?",
            placeholders);
    assertThat(t.bind(publish))
        .containsExactly(false, 21.5, 7, null, null, "{\"retain\":true,\"dup\":false}");
  }

  @Test
  void rejectsUnknownAndQuotedPlaceholders() {
    assertThatThrownBy(() -> Template.compile("x = ${nope}", "?", placeholders))
        .hasMessageContaining("unknown placeholder ${nope}");
    assertThatThrownBy(() -> Template.compile("x = '${clientid}'", "?", placeholders))
        .hasMessageContaining("remove the quotes");
    assertThatThrownBy(() -> Template.compile("x = ${}", "?", placeholders))
        .hasMessageContaining("empty");
  }

  @Test
  void rendersValuesIntoTextForArgumentLists() {
    Template key = Template.compile("mqtt:acked:${clientid}:${topic}", "?", placeholders);
    assertThat(key.render(publish)).isEqualTo("mqtt:acked:a b'c\nd:t/1");
    assertThat(Template.compile("${peerhost}x", "?", placeholders).render(publish)).isEqualTo("x");
    assertThat(Template.compile("plain", "?", placeholders).render(publish)).isEqualTo("plain");
  }
}
