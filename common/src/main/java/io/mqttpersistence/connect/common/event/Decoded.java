package io.mqttpersistence.connect.common.event;

/**
 * What a record decodes into: a broker event for a hook to handle, or a valid record that no hook
 * of this connector handles, which is skipped (counted, never dead-lettered). Records that cannot
 * be events at all throw {@link MalformedEventException} instead.
 */
public sealed interface Decoded permits BrokerEvent, Skipped {}
