package io.mqttpersistence.connect.common.testing;

/**
 * How a store's EMQX functions differ from the SQL backends', as the expected-state model needs to
 * know.
 *
 * @param keepsQos0Retained a QoS 0 retained message is stored as a message too (Redis keeps the
 *     hash its retained pointer refers to)
 * @param retainDeleteDropsMessage clearing a retained message deletes the stored message it was
 *     (Redis deletes the hash)
 * @param cursorNeedsStoredMessage an ack moves a cursor only to a message the store holds (SQL: the
 *     cursor is the message's row id); otherwise to any acked id
 */
public record StoreRules(
    boolean keepsQos0Retained, boolean retainDeleteDropsMessage, boolean cursorNeedsStoredMessage) {
  public static final StoreRules SQL = new StoreRules(false, false, true);
  public static final StoreRules REDIS = new StoreRules(true, true, false);
}
