package io.mqttpersistence.tools.convert;

/**
 * One {@code key = value} line of an EMQX 4 plugin config.
 *
 * @param file the file it came from, for messages
 * @param number its line number, from 1
 */
record ConfLine(String file, int number, String key, String value) {

  /** Where the line is, as messages name it: {@code emqx_backend_pgsql.conf:12}. */
  String where() {
    return file + ":" + number;
  }
}
