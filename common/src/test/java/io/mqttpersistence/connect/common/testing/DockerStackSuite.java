package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttpersistence.connect.common.connect.EventSinkConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * The connector docker/up.sh registers is this connector's {@code config-examples/<db>.json} with
 * {@code docker/connectors/<db>.json} laid over it (as up.sh's jq does): it passes the connector's
 * validation (all but reaching the database, whose address is a compose service name), and every
 * address it names is a service of the compose file.
 */
public abstract class DockerStackSuite {
  private static final Path ROOT = ConfigExamples.repositoryRoot();

  /** The connector's short name: "pgsql", "redis", ... */
  protected abstract String connectorName();

  protected abstract EventSinkConnector<?, ?> connector();

  private Map<String, String> stackConfig() throws Exception {
    Map<String, String> cfg = new LinkedHashMap<>(ConfigExamples.config(connectorName()));
    JsonNode overrides =
        new ObjectMapper()
            .readTree(ROOT.resolve("docker/connectors/" + connectorName() + ".json").toFile());
    overrides.properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
    return cfg;
  }

  @Test
  void theConfigTheStackRegistersValidates() throws Exception {
    Map<String, String> cfg = stackConfig();
    Map<String, java.util.List<String>> errors = new LinkedHashMap<>();
    for (ConfigValue v : connector().validateWithoutConnecting(cfg).configValues()) {
      if (!v.errorMessages().isEmpty()) {
        errors.put(v.name(), v.errorMessages());
      }
    }
    assertThat(errors).isEmpty();

    // The same check does catch a mistake: an unknown function, under its hook's key.
    cfg.put("hook.client.connected.1", "{\"action\": {\"function\": \"on_no_such_thing\"}}");
    assertThat(connector().validateWithoutConnecting(cfg).configValues())
        .anySatisfy(
            v -> {
              assertThat(v.name()).isEqualTo("hook.client.connected.1");
              assertThat(v.errorMessages()).isNotEmpty();
            });
  }

  @Test
  void everyAddressItNamesIsAServiceOfTheComposeFile() throws Exception {
    String compose = Files.readString(ROOT.resolve("docker/compose.yaml"));
    Map<String, String> cfg = stackConfig();
    assertThat(connector().config().names())
        .containsAll(
            cfg.keySet().stream()
                .filter(k -> k.startsWith(connectorName() + ".") || k.startsWith("lookup."))
                .toList());
    cfg.forEach(
        (key, value) -> {
          if (key.endsWith(".server")
              || key.endsWith(".nodes")
              || key.endsWith("bootstrap.servers")) {
            for (String address : value.split(",", -1)) {
              String host = address.strip().split(":", -1)[0];
              assertThat(compose)
                  .as(key + " names " + host)
                  .containsPattern(Pattern.compile("(?m)^  " + Pattern.quote(host) + ":$"));
            }
          }
        });
  }
}
