package io.mqttpersistence.connect.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of {@code config-examples/}, which users copy: tests start from them, never from
 * copies.
 */
public final class ConfigExamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigExamples() {}

  /** The repository's top directory, found from a module's working directory. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("config-examples"))
          && Files.exists(p.resolve("manifest.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("no config-examples/ above " + dir);
  }

  /** The {@code config} object of {@code config-examples/<name>.json}, every value as text. */
  public static Map<String, String> config(String name) {
    Path file = repositoryRoot().resolve("config-examples").resolve(name + ".json");
    try {
      JsonNode example = JSON.readTree(Files.readString(file));
      Map<String, String> cfg = new LinkedHashMap<>();
      example.get("config").properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
      return cfg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
