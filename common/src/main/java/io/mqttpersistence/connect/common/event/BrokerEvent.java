package io.mqttpersistence.connect.common.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One broker event, decoded once from whatever wire format it came in.
 *
 * <p>The typed fields are what built-in functions need; {@link #fields()} keeps every field the
 * source carried (normalised names) so that templates can reach {@code ${username}}, {@code
 * ${flags.dup}} or {@code ${pub_props.User-Property}} without the model listing them all.
 *
 * @param hookpoint which hook this event fires
 * @param clientid the client the event is about (for message.acked/delivered: the receiver)
 * @param topic message topic, or for (un)subscribe the subscription filter with {@code $share/g/}
 *     and {@code $queue/} stripped; null for connect/disconnect
 * @param qos message or subscription QoS; null when the event has none
 * @param payload raw payload bytes; null when the event has none
 * @param messageIdHex EMQX message GUID as 32 upper-case hex digits; null when absent
 * @param retain the message's retain flag
 * @param fromClientid for acked/delivered: the publisher; for publish: the same as clientid
 * @param timestampMs event time in epoch milliseconds (message time for message events)
 * @param connectedAtMs when the connection this event belongs to was established, if the source
 *     says so
 * @param node broker node name, or null
 * @param fields all source fields, for template lookups
 */
// The payload is shared, not copied: events are built once per record and never compared.
@SuppressWarnings("ArrayRecordComponent")
public record BrokerEvent(
    Hookpoint hookpoint,
    String clientid,
    String topic,
    Integer qos,
    byte[] payload,
    String messageIdHex,
    boolean retain,
    String fromClientid,
    long timestampMs,
    Long connectedAtMs,
    String node,
    Map<String, Object> fields)
    implements Decoded {

  public BrokerEvent {
    Objects.requireNonNull(hookpoint, "hookpoint");
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(fields);
  }

  /** The payload as UTF-8 text, as EMQX's SQL backends store it; null when there is no payload. */
  public String payloadText() {
    return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
  }

  /** Whether the payload is valid UTF-8 text (an absent payload is). */
  public boolean payloadIsText() {
    if (payload == null) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  public boolean hasEmptyPayload() {
    return payload == null || payload.length == 0;
  }

  /**
   * The message id, for functions that store or find a message.
   *
   * @throws MalformedEventException when the record had none and none could be derived
   */
  public String requireMessageId() {
    if (messageIdHex == null) {
      throw new MalformedEventException(
          hookpoint
              + " event has no message id ('id'), and none can be derived without the publisher"
              + " ('from_clientid' or 'from') and the payload");
    }
    return messageIdHex;
  }

  public int qosOrZero() {
    return qos == null ? 0 : qos;
  }

  /**
   * Names the event without its payload or fields, which are data and may be large or sensitive.
   */
  @Override
  public String toString() {
    return hookpoint
        + "{clientid="
        + clientid
        + ", topic="
        + topic
        + ", qos="
        + qos
        + ", id="
        + messageIdHex
        + "}";
  }
}
