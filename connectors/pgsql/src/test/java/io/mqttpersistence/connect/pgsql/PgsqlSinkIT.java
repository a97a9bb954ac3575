package io.mqttpersistence.connect.pgsql;

import io.mqttpersistence.connect.jdbc.testing.SqlSinkFeatureSuite;
import io.mqttpersistence.connect.jdbc.testing.SqlTestDatabase;
import java.util.List;

/** The SQL feature suite against a real PostgreSQL server. */
class PgsqlSinkIT extends SqlSinkFeatureSuite {

  @Override
  protected SqlTestDatabase createDatabase() {
    return PgsqlTestDatabase.create();
  }

  @Override
  protected String prefix() {
    return "pgsql";
  }

  @Override
  protected String displayName() {
    return "PostgreSQL";
  }

  @Override
  protected Class<?> connectorClass() {
    return PgsqlSinkConnector.class;
  }

  /** etc/sql/emqx_backend_pgsql.sql of EMQX 4.4. */
  @Override
  protected List<String> emqxTables() {
    return List.of(
        "CREATE TABLE mqtt_client(id SERIAL8 primary key, clientid character varying(64), state integer,"
            + " node character varying(64), online_at timestamp, offline_at timestamp,"
            + " created timestamp without time zone, UNIQUE (clientid))",
        "CREATE TABLE mqtt_sub(id SERIAL8 primary key, clientid character varying(64),"
            + " topic character varying(255), qos integer, created timestamp without time zone,"
            + " UNIQUE (clientid, topic))",
        "CREATE TABLE mqtt_msg (id SERIAL8 primary key, msgid character varying(64),"
            + " sender character varying(64), topic character varying(255), qos integer, retain integer,"
            + " payload text, arrived timestamp without time zone)",
        "CREATE TABLE mqtt_retain(id SERIAL8 primary key, topic character varying(255),"
            + " msgid character varying(64), sender character varying(64), qos integer, payload text,"
            + " arrived timestamp without time zone, UNIQUE (topic))",
        "CREATE TABLE mqtt_acked (id SERIAL8 primary key, clientid character varying(64),"
            + " topic character varying(64), mid integer, created timestamp without time zone,"
            + " UNIQUE (clientid, topic))");
  }
}
