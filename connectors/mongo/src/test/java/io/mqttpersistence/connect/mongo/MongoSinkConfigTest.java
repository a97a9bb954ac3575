package io.mqttpersistence.connect.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterType;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MongoSinkConfigTest {
  private static MongoSinkConfig config(String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return new MongoSinkConfig(p);
  }

  @Test
  void emqxKeysBuildTheClientSettings() {
    MongoClientSettings single = config("mongo.server", "db1:27018").clientSettings();
    assertThat(single.getClusterSettings().getMode()).isEqualTo(ClusterConnectionMode.SINGLE);
    assertThat(single.getClusterSettings().getHosts().get(0).getPort()).isEqualTo(27018);
    assertThat(single.getWriteConcern()).isEqualTo(WriteConcern.ACKNOWLEDGED);
    assertThat(single.getRetryWrites()).isTrue();

    MongoSinkConfig rs =
        config(
            "mongo.type", "rs",
            "mongo.server", "a:1,b:2",
            "mongo.rs_set_name", "rs0",
            "mongo.login", "emqtt",
            "mongo.password", "s3cret",
            "mongo.c_pool_size", "4",
            "mongo.r_mode", "slave_ok");
    MongoClientSettings s = rs.clientSettings();
    assertThat(s.getClusterSettings().getRequiredReplicaSetName()).isEqualTo("rs0");
    assertThat(s.getClusterSettings().getRequiredClusterType()).isEqualTo(ClusterType.REPLICA_SET);
    assertThat(s.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
    assertThat(s.getCredential().getUserName()).isEqualTo("emqtt");
    assertThat(s.getCredential().getSource()).isEqualTo("admin");
    assertThat(s.getConnectionPoolSettings().getMaxSize()).isEqualTo(4);
    assertThat(rs.lookupReadPreference()).isEqualTo(ReadPreference.secondaryPreferred());
    assertThat(rs.describe()).doesNotContain("s3cret");
    assertThat(
            config(
                    "mongo.type",
                    "rs",
                    "mongo.server",
                    "a,b",
                    "mongo.rs_set_name",
                    "r",
                    "mongo.w_mode",
                    "unsafe")
                .clientSettings()
                .getWriteConcern())
        .isEqualTo(WriteConcern.W1);
  }

  @Test
  void aUriReplacesTheKeysAndConflictingKeysAreErrorsThatQuoteNoSecret() {
    MongoSinkConfig uri =
        config("mongo.uri", "mongodb://u:pw@h1:27017,h2:27017/telemetry?replicaSet=rs1");
    assertThat(uri.database()).isEqualTo("telemetry");
    assertThat(uri.clientSettings().getClusterSettings().getRequiredReplicaSetName())
        .isEqualTo("rs1");
    assertThat(uri.connectionKey()).isEqualTo("mongo.uri");
    assertThat(uri.describe()).doesNotContain("pw");
    // Saying the same twice is fine.
    config("mongo.uri", "mongodb://h1:27017/x", "mongo.server", "h1:27017", "mongo.database", "x");
    assertThatThrownBy(() -> config("mongo.uri", "mongodb://h1:27017", "mongo.server", "h2:27017"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mongo.server conflicts with mongo.uri");
    assertThatThrownBy(() -> config("mongo.uri", "mongodb://u:pw@h1", "mongo.password", "other"))
        .hasMessageContaining("mongo.password conflicts")
        .hasMessageNotContaining("pw")
        .hasMessageNotContaining("other");
    assertThatThrownBy(() -> config("mongo.uri", "mongodb://h1/a", "mongo.database", "b"))
        .hasMessageContaining("mongo.database conflicts");
    assertThatThrownBy(() -> config("mongo.uri", "http://u:secret@h1"))
        .hasMessageContaining("not a MongoDB connection string")
        .hasMessageNotContaining("secret");
  }

  @Test
  void keysThatCannotWorkTogetherAreErrors() {
    assertThatThrownBy(() -> config("mongo.type", "rs")).hasMessageContaining("mongo.rs_set_name");
    assertThatThrownBy(() -> config("mongo.server", "a,b"))
        .hasMessageContaining("single takes one server");
    assertThatThrownBy(() -> config("mongo.password", "x")).hasMessageContaining("needs a login");
    assertThatThrownBy(() -> config("mongo.pool_size", "4", "mongo.c_pool_size", "5"))
        .hasMessageContaining("mongo.c_pool_size");
    assertThatThrownBy(() -> config("mongo.server", "h:notaport"))
        .hasMessageContaining("host[:port]");
  }
}
