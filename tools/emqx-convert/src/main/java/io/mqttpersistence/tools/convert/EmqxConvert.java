package io.mqttpersistence.tools.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar emqx-convert.jar [options] emqx_backend_pgsql.conf ...}: prints one Connect REST
 * body per pool on stdout (or writes {@code <name>.json} files with {@code --out}), ignored options
 * as {@code #} comments and problems as {@code error:} lines on stderr. Exit status 0 when
 * everything was carried over, 1 when something could not be, 2 for a wrong command line.
 */
public final class EmqxConvert {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String USAGE =
      "usage: emqx-convert [--topics T] [--reply-topic T] [--bootstrap-servers H:P]"
          + " [--dlq-topic T] [--out DIR] emqx_backend_<db>.conf ...";

  private EmqxConvert() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Every key of the connector named {@code connector} ("pgsql", ..., "cassandra") that the
   * converter may write, for tests that check the connector defines each.
   */
  public static java.util.Set<String> targetKeys(String connector) {
    for (Backend b : Backend.values()) {
      if (b.connector.equals(connector)) {
        return b.targetKeys();
      }
    }
    throw new IllegalArgumentException("no backend for connector " + connector);
  }

  /** The command, with its streams given: the exit status it would end with. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        if (i + 1 >= args.length
            || !List.of("--topics", "--reply-topic", "--bootstrap-servers", "--dlq-topic", "--out")
                .contains(args[i])) {
          err.println(USAGE);
          return 2;
        }
        options.put(args[i], args[++i]);
      } else {
        files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Defaults d = Defaults.STANDARD;
    Defaults defaults =
        new Defaults(
            options.getOrDefault("--topics", d.topics()),
            options.getOrDefault("--reply-topic", d.replyTopic()),
            options.getOrDefault("--bootstrap-servers", d.bootstrapServers()),
            options.getOrDefault("--dlq-topic", d.deadLetterTopic()));
    List<Problem> problems = new ArrayList<>();
    List<ConfLine> lines = new ArrayList<>();
    for (Path f : files) {
      try {
        lines.addAll(
            ConfParser.parse(
                f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8), problems));
      } catch (IOException e) {
        err.println("error: cannot read " + f + ": " + e.getMessage());
        return 2;
      }
    }
    Conversion c = ConfConverter.convert(lines, defaults, problems);
    c.ignored().forEach(p -> err.println("# " + p));
    c.problems().forEach(p -> err.println("error: " + p));
    try {
      write(c.bodies(), options.get("--out"), out, err);
    } catch (IOException e) {
      err.println("error: cannot write: " + e.getMessage());
      return 2;
    }
    return c.problems().isEmpty() ? 0 : 1;
  }

  private static void write(
      List<ConnectorBody> bodies, String dir, PrintStream out, PrintStream err) throws IOException {
    for (ConnectorBody b : bodies) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", b.name());
      json.put("config", b.config());
      String text = JSON.writeValueAsString(json) + "\n";
      if (dir == null) {
        out.print(text);
      } else {
        Path file = Files.createDirectories(Path.of(dir)).resolve(b.name() + ".json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        err.println("# wrote " + file);
      }
    }
  }
}
