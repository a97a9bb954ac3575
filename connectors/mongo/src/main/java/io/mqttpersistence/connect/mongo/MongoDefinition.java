package io.mqttpersistence.connect.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.mqttpersistence.connect.common.connect.SinkDefinition;
import io.mqttpersistence.connect.common.connect.TlsStores;
import io.mqttpersistence.connect.common.event.MessageIdFormat;
import io.mqttpersistence.connect.common.hook.ActionSpec;
import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.hook.HookTable;
import io.mqttpersistence.connect.common.template.Placeholders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;
import org.bson.Document;

/** What the Mongo connector adds to the family: its keys, functions, templates and client. */
final class MongoDefinition implements SinkDefinition<MongoAction, MongoSinkConfig> {

  @Override
  public ConfigDef configDef() {
    return MongoSinkConfig.CONFIG_DEF;
  }

  @Override
  public MongoSinkConfig parseConfig(Map<String, String> props) {
    return new MongoSinkConfig(props);
  }

  @Override
  public MongoAction compile(HookSpec hook, MongoSinkConfig config) {
    MessageIdFormat ids = config.messageIdFormat();
    if (hook.action() instanceof ActionSpec.Function f) {
      return new MongoFunctions(ids, new MongoValues(config.timesInSeconds()))
          .compile(hook, f.name());
    }
    ActionSpec.Statements statements = (ActionSpec.Statements) hook.action();
    if (!statements.kind().equals("mongo")) {
      throw new HookConfigException(
          hook.configKey(),
          "MongoDB runs \"mongo\" document templates, not \"" + statements.kind() + "\"");
    }
    return MongoTemplateAction.compile(
        hook.configKey(), statements.statements(), new Placeholders(ids));
  }

  @Override
  public boolean isLookup(MongoAction action) {
    return action.isLookup();
  }

  @Override
  public MongoEventStore openStore(MongoSinkConfig config, HookTable<MongoAction> hooks) {
    MongoClient client = MongoClients.create(config.clientSettings());
    try {
      MongoDatabase db = client.getDatabase(config.database());
      if (config.schemaCreate()) {
        MongoSchema.create(db);
      }
      MongoValues values = new MongoValues(config.timesInSeconds());
      return new MongoEventStore(
          client, new MongoWrites(db), new MongoLookups(db, config.lookupReadPreference(), values));
    } catch (MongoException | IllegalStateException e) {
      client.close();
      throw new ConnectException(
          "could not prepare MongoDB (" + config.describe() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Map.Entry<String, String>> checkConnection(MongoSinkConfig config) {
    try (MongoClient client = MongoClients.create(config.clientSettings())) {
      client.getDatabase(config.database()).runCommand(new Document("ping", 1));
      return Optional.empty();
    } catch (MongoException | IllegalStateException e) {
      // The driver gives up on server selection; each server's handshake error is only in the
      // text of the cluster state it reports.
      String message = String.valueOf(e.getMessage());
      int ssl = message.indexOf("javax.net.ssl");
      if (TlsStores.isHandshakeFailure(e) || ssl >= 0) {
        int end = ssl < 0 ? -1 : message.indexOf('}', ssl);
        String reason =
            ssl < 0
                ? TlsStores.handshakeFailureMessage(e)
                : message.substring(ssl, end < 0 ? message.length() : end);
        return Optional.of(
            Map.entry(
                "mongo.ssl.truststore",
                "the TLS handshake with MongoDB (" + config.describe() + ") failed: " + reason));
      }
      return Optional.of(
          Map.entry(
              config.connectionKey(),
              "cannot reach MongoDB (" + config.describe() + "): " + e.getMessage()));
    }
  }
}
