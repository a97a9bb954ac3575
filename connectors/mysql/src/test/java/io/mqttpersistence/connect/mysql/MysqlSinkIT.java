package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import java.util.List;

/** The SQL feature suite against a real MySQL-compatible server (MariaDB on the CI machine). */
class MysqlSinkIT extends SqlSinkFeatureSuite {

  @Override
  protected SqlTestDatabase createDatabase() {
    return MysqlTestDatabase.create();
  }

  @Override
  protected String prefix() {
    return "mysql";
  }

  @Override
  protected String displayName() {
    return "MySQL";
  }

  @Override
  protected Class<?> connectorClass() {
    return MysqlSinkConnector.class;
  }

  /** etc/sql/emqx_backend_mysql.sql of EMQX 4.4, whole seconds and 32-bit ids included. */
  @Override
  protected List<String> emqxTables() {
    return List.of(
        "CREATE TABLE `mqtt_client` (`id` int(11) unsigned NOT NULL AUTO_INCREMENT, `clientid` varchar(64),"
            + " `state` varchar(3), `node` varchar(64), `online_at` datetime, `offline_at` datetime,"
            + " `created` timestamp NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`),"
            + " KEY `mqtt_client_idx` (`clientid`), UNIQUE KEY `mqtt_client_key` (`clientid`))"
            + " ENGINE=InnoDB DEFAULT CHARSET=utf8MB4",
        "CREATE TABLE `mqtt_sub` (`id` int(11) unsigned AUTO_INCREMENT, `clientid` varchar(64),"
            + " `topic` varchar(180), `qos` tinyint(1), `created` timestamp NULL DEFAULT CURRENT_TIMESTAMP,"
            + " PRIMARY KEY (`id`), KEY `mqtt_sub_idx` (`clientid`,`topic`,`qos`),"
            + " UNIQUE KEY `mqtt_sub_key` (`clientid`,`topic`), INDEX topic_index(`topic`))",
        "CREATE TABLE `mqtt_msg` (`id` int(11) unsigned AUTO_INCREMENT, `msgid` varchar(64),"
            + " `topic` varchar(180) NOT NULL, `sender` varchar(64), `node` varchar(64),"
            + " `qos` tinyint(1) NOT NULL DEFAULT '0', `retain` tinyint(1), `payload` blob,"
            + " `arrived` datetime NOT NULL, PRIMARY KEY (`id`), INDEX topic_index(`topic`, `id`))",
        "CREATE TABLE `mqtt_retain` (`id` int(11) unsigned AUTO_INCREMENT, `topic` varchar(180),"
            + " `msgid` varchar(64), `sender` varchar(64), `node` varchar(64), `qos` tinyint(1),"
            + " `payload` blob, `arrived` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`id`),"
            + " UNIQUE KEY `mqtt_retain_key` (`topic`))",
        "CREATE TABLE `mqtt_acked` (`id` int(11) unsigned AUTO_INCREMENT, `clientid` varchar(64),"
            + " `topic` varchar(180), `mid` int(11) unsigned, `created` timestamp NULL DEFAULT NULL,"
            + " PRIMARY KEY (`id`), UNIQUE KEY `mqtt_acked_key` (`clientid`,`topic`))");
  }
}
