package io.mqttpersistence.connect.common.connect;

import io.mqttpersistence.connect.common.event.AvroEventReader;
import io.mqttpersistence.connect.common.event.EventFormat;
import io.mqttpersistence.connect.common.event.Hookpoint;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys every connector of the family shares. Each connector copies {@link #baseConfigDef()} and
 * adds its connection keys. Hooks ({@code hook.<hookpoint>.<N>}) are open-ended keys, read by
 * {@link io.mqttpersistence.connect.common.hook.HookParser}.
 */
public class EventSinkConfig extends AbstractConfig {
  public static final String EVENTS_GROUP = "Events";
  public static final String STORAGE_GROUP = "Storage";
  public static final String LOOKUP_GROUP = "Lookups";
  public static final String RETRIES_GROUP = "Retries";

  public static final String EVENT_FORMAT_CONFIG = "event.format";
  public static final String EVENT_TOPIC_MAP_CONFIG = "event.topic.map";
  public static final String EVENT_AVRO_SCHEMA_CONFIG = "event.avro.schema";
  public static final String MSGID_FORMAT_CONFIG = "msgid.format";
  public static final String LOOKUP_REPLY_TOPIC_CONFIG = "lookup.reply.topic";
  public static final String LOOKUP_REPLY_BOOTSTRAP_CONFIG = "lookup.reply.bootstrap.servers";
  public static final String LOOKUP_REPLY_PRODUCER_PREFIX = "lookup.reply.producer.";
  public static final String MAX_RETRIES_CONFIG = "max.retries";
  public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
  public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";

  private final EventFormat eventFormat;
  private final Map<String, Hookpoint> topicHookpoints;
  private final MessageIdFormat messageIdFormat;
  private final AvroEventReader avro;

  public EventSinkConfig(ConfigDef definition, Map<String, String> props) {
    super(definition, props, false);
    eventFormat = EventFormat.fromConfig(getString(EVENT_FORMAT_CONFIG));
    topicHookpoints = parseTopicMap(getList(EVENT_TOPIC_MAP_CONFIG));
    messageIdFormat = MessageIdFormat.fromConfig(getString(MSGID_FORMAT_CONFIG));
    avro = eventFormat == EventFormat.AVRO ? avroReader(getString(EVENT_AVRO_SCHEMA_CONFIG)) : null;
  }

  private static AvroEventReader avroReader(String schema) {
    if (schema == null || schema.isBlank()) {
      throw new ConfigException(
          EVENT_AVRO_SCHEMA_CONFIG,
          schema,
          "the writer schema is needed when " + EVENT_FORMAT_CONFIG + " is avro");
    }
    try {
      return AvroEventReader.fromConfig(schema);
    } catch (IllegalArgumentException e) {
      // The message names the key but not the whole schema, which may be long.
      throw new ConfigException(EVENT_AVRO_SCHEMA_CONFIG + ": " + e.getMessage());
    }
  }

  public static ConfigDef baseConfigDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        EVENT_FORMAT_CONFIG,
        ConfigDef.Type.STRING,
        EventFormat.AUTO.configValue(),
        ConfigDef.ValidString.in(
            Arrays.stream(EventFormat.values())
                .map(EventFormat::configValue)
                .toArray(String[]::new)),
        Importance.MEDIUM,
        "Shape of the record values: 'emqx5' and 'emqx4' rule-engine JSON (with an 'event' field), "
            + "'emqx4-bridge' (the 4.x Kafka bridge plugin: client_id, ts, base64 payload), or 'auto' to "
            + "tell them apart per record; 'avro' for Avro binary values (ByteArrayConverter) of the "
            + "schema in event.avro.schema, holding any of those layouts. JSON text, JSON-with-schema "
            + "and Struct values from a schema-registry converter work with every setting but avro.",
        EVENTS_GROUP,
        ++order,
        Width.SHORT,
        "Event format");
    def.define(
        EVENT_TOPIC_MAP_CONFIG,
        ConfigDef.Type.LIST,
        "",
        topicMapValidator(),
        Importance.MEDIUM,
        "Comma list of <kafka topic>:<hookpoint> for layouts with one topic per hook and no 'event' field, "
            + "e.g. 'client_connected:client.connected,message_publish:message.publish'.",
        EVENTS_GROUP,
        ++order,
        Width.LONG,
        "Topic to hookpoint map");
    def.define(
        EVENT_AVRO_SCHEMA_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "With event.format=avro: the Avro writer schema of the values, as JSON, or 'file:' and the "
            + "path of a .avsc file on the worker. A 5-byte schema-registry prefix on a value is "
            + "skipped. config-examples/emqx5-event.avsc describes EMQX 5's event fields.",
        EVENTS_GROUP,
        ++order,
        Width.LONG,
        "Avro schema");
    order = 0;
    def.define(
        MSGID_FORMAT_CONFIG,
        ConfigDef.Type.STRING,
        MessageIdFormat.BASE62.configValue(),
        ConfigDef.ValidString.in("base62", "hex"),
        Importance.LOW,
        "How message ids are stored: 'base62' as EMQX's backends did (tables stay interchangeable with "
            + "EMQX's), or 'hex', the 32-digit id the broker's events carry.",
        STORAGE_GROUP,
        ++order,
        Width.SHORT,
        "Message id format");
    order = 0;
    def.define(
        LOOKUP_REPLY_TOPIC_CONFIG,
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "Kafka topic that receives lookup results (on_subscribe_lookup, on_message_fetch, "
            + "on_retain_lookup): key = clientid, value = JSON. Required when a hook uses a lookup function.",
        LOOKUP_GROUP,
        ++order,
        Width.LONG,
        "Lookup reply topic");
    def.define(
        LOOKUP_REPLY_BOOTSTRAP_CONFIG,
        ConfigDef.Type.LIST,
        "",
        Importance.MEDIUM,
        "Bootstrap servers of the Kafka cluster that holds lookup.reply.topic. Further producer settings go "
            + "under '"
            + LOOKUP_REPLY_PRODUCER_PREFIX
            + "', e.g. lookup.reply.producer.acks=all.",
        LOOKUP_GROUP,
        ++order,
        Width.LONG,
        "Lookup reply bootstrap servers");
    order = 0;
    def.define(
        MAX_RETRIES_CONFIG,
        ConfigDef.Type.INT,
        10,
        ConfigDef.Range.atLeast(0),
        Importance.MEDIUM,
        "How many times a batch that failed for a transient reason (connection lost, failover, deadlock) is "
            + "retried before the task fails. Offsets are not committed until the batch lands.",
        RETRIES_GROUP,
        ++order,
        Width.SHORT,
        "Maximum retries");
    def.define(
        RETRY_BACKOFF_MS_CONFIG,
        ConfigDef.Type.LONG,
        3000L,
        ConfigDef.Range.atLeast(0),
        Importance.MEDIUM,
        "Wait before retrying a batch after a transient failure, in milliseconds.",
        RETRIES_GROUP,
        ++order,
        Width.SHORT,
        "Retry backoff (ms)");
    return def;
  }

  private static ConfigDef.Validator topicMapValidator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) value;
        try {
          parseTopicMap(entries);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }

      @Override
      public String toString() {
        return "list of <topic>:<hookpoint>";
      }
    };
  }

  static Map<String, Hookpoint> parseTopicMap(List<String> entries) {
    Map<String, Hookpoint> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException("'" + entry + "' is not <topic>:<hookpoint>");
      }
      String hook = entry.substring(colon + 1).trim();
      Hookpoint h =
          Hookpoint.parse(hook)
              .orElseThrow(() -> new IllegalArgumentException("'" + hook + "' is not a hookpoint"));
      map.put(entry.substring(0, colon).trim(), h);
    }
    return map;
  }

  public EventFormat eventFormat() {
    return eventFormat;
  }

  public Map<String, Hookpoint> topicHookpoints() {
    return topicHookpoints;
  }

  /** The Avro reader when event.format is avro, else null. */
  public AvroEventReader avroReader() {
    return avro;
  }

  public MessageIdFormat messageIdFormat() {
    return messageIdFormat;
  }

  public String lookupReplyTopic() {
    return getString(LOOKUP_REPLY_TOPIC_CONFIG);
  }

  public int maxRetries() {
    return getInt(MAX_RETRIES_CONFIG);
  }

  public long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS_CONFIG);
  }

  /** Whether Connect's {@code errors.tolerance} lets bad records go to the dead-letter queue. */
  public boolean toleratesErrors() {
    Object v = originals().get(ERRORS_TOLERANCE_CONFIG);
    return v != null && v.toString().trim().toLowerCase(Locale.ROOT).equals("all");
  }

  /**
   * Producer settings for lookup replies: the bootstrap servers plus every lookup.reply.producer.*
   * key.
   */
  public Map<String, Object> replyProducerConfig() {
    Map<String, Object> cfg =
        new LinkedHashMap<>(originalsWithPrefix(LOOKUP_REPLY_PRODUCER_PREFIX));
    cfg.put("bootstrap.servers", String.join(",", getList(LOOKUP_REPLY_BOOTSTRAP_CONFIG)));
    return cfg;
  }
}
