package io.mqttpersistence.connect.common.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.event.Hookpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HookParserTest {

  @Test
  void readsEmqxDefaultHooksInOrder() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(
        "hook.message.publish.10",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_retain_delete\"}}");
    props.put(
        "hook.message.publish.2",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_retain\"}}");
    props.put(
        "hook.session.subscribed.1",
        "{\"topic\": \"#\", \"action\": {\"function\": \"on_message_fetch\"},"
            + " \"offline_opts\": {\"max_returned_count\": 500, \"time_range\": \"2h\"}, \"pool\": \"pool1\"}");
    props.put(
        "hook.session.unsubscribed.1",
        "{\"topic\": \"#\", \"action\": {\"sql\": "
            + "\"delete from mqtt_acked where clientid = ${clientid} and topic = ${topic}\"}, \"pool\": \"pool1\"}");
    props.put(
        "hook.message.publish.1",
        "{\"action\": {\"function\": \"on_message_publish\"}, \"expired_time\": 3600}");
    props.put("pgsql.server", "ignored");

    HookParser.Result r = HookParser.parse(props);

    assertThat(r.errors()).isEmpty();
    assertThat(r.hooks())
        .extracting(HookSpec::configKey)
        .containsExactly(
            "hook.session.subscribed.1",
            "hook.session.unsubscribed.1",
            "hook.message.publish.1",
            "hook.message.publish.2",
            "hook.message.publish.10");
    HookSpec fetch = r.hooks().get(0);
    assertThat(fetch.hookpoint()).isEqualTo(Hookpoint.SESSION_SUBSCRIBED);
    assertThat(fetch.offlineOptions())
        .isEqualTo(new OfflineOptions(OptionalInt.of(500), Optional.of(Duration.ofHours(2))));
    assertThat(r.hooks().get(1).action())
        .isEqualTo(
            new ActionSpec.Statements(
                "sql",
                java.util.List.of(
                    "delete from mqtt_acked where clientid = ${clientid} and topic = ${topic}")));
    assertThat(r.hooks().get(2).options()).containsEntry("expired_time", 3600);
    assertThat(r.hooks().get(2).appliesTo("anything")).isTrue();
  }

  @Test
  void collectsEveryMistakeWithItsKey() {
    Map<String, String> props =
        Map.of(
            "hook.client.connectd.1", "{\"action\": {\"function\": \"x\"}}",
            "hook.client.connected", "{}",
            "hook.client.connected.1", "not json",
            "hook.client.connected.2", "{\"action\": {}}",
            "hook.message.publish.1", "{\"topic\": \"a/#/b\", \"action\": {\"function\": \"f\"}}",
            "hook.session.subscribed.1",
                "{\"action\": {\"function\": \"f\"}, \"offline_opts\": {\"time_range\": \"2y\"}}",
            "hook.session.subscribed.2", "{\"action\": {\"sql\": []}}");
    HookParser.Result r = HookParser.parse(props);
    assertThat(r.hooks()).isEmpty();
    assertThat(r.errors())
        .extracting(HookConfigException::key)
        .containsExactlyInAnyOrderElementsOf(props.keySet());
  }

  @Test
  void parsesCuttlefishDurations() {
    assertThat(OfflineOptions.parseDuration("2h")).contains(Duration.ofHours(2));
    assertThat(OfflineOptions.parseDuration("30m")).contains(Duration.ofMinutes(30));
    assertThat(OfflineOptions.parseDuration("1d")).contains(Duration.ofDays(1));
    assertThat(OfflineOptions.parseDuration("45")).contains(Duration.ofSeconds(45));
    assertThat(OfflineOptions.parseDuration("infinity")).isEmpty();
  }
}
