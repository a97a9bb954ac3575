package io.mqttpersistence.demo;

import java.util.Map;

/** Where the demo stores: made empty first, read back at the end. */
interface DemoTarget {
  /** The database name the demo writes to, fresh each run. */
  String DATABASE = "mqtt_demo";

  /** Creates or empties the demo's database. */
  void prepare() throws Exception;

  /** The connector keys that point at it. */
  Map<String, String> connection();

  /** Whether the connector has prepared it (schema created). */
  boolean ready();

  /** The dashboard's stored subscription, which on_subscribe_lookup answers with. */
  void addSampleSubscription() throws Exception;

  /** Whether the stream's last message has been stored. */
  boolean endMarkerStored();

  void printStored() throws Exception;
}
