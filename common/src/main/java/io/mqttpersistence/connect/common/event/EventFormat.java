package io.mqttpersistence.connect.common.event;

import java.util.Locale;

/** The wire shapes of broker events that arrive in Kafka (reference section 7). */
public enum EventFormat {
  /**
   * Detect per record: an {@code event} field means rule-engine JSON, a {@code ts} field the 4.x
   * Kafka bridge.
   */
  AUTO,
  /**
   * EMQX 5 rule-engine output ({@code publish_received_at}, {@code connected_at} on disconnects).
   */
  EMQX5,
  /** EMQX 4 rule-engine output ({@code timestamp} is the message time). */
  EMQX4,
  /**
   * EMQX 4 Kafka bridge plugin: {@code client_id}/{@code clientid}, {@code ts}, base64 payload, one
   * topic per hook.
   */
  EMQX4_BRIDGE,
  /**
   * Avro binary values (with or without the schema-registry prefix) of the schema in {@code
   * event.avro.schema}, holding the fields of any of the layouts above, told apart as AUTO does.
   */
  AVRO;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static EventFormat fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
