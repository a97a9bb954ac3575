package io.mqttpersistence.tools.convert;

/**
 * The Kafka side of each converted connector, which EMQX's files do not describe.
 *
 * @param topics the topic(s) EMQX's rule or bridge writes broker events to
 * @param replyTopic where lookup replies go
 * @param bootstrapServers the Kafka cluster of the reply topic
 * @param deadLetterTopic where bad records go, with their reason
 */
record Defaults(String topics, String replyTopic, String bootstrapServers, String deadLetterTopic) {
  static final Defaults STANDARD =
      new Defaults("emqx_events", "emqx_lookup_replies", "localhost:9092", "emqx_events_dlq");
}
