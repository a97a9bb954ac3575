package io.mqttpersistence.connect.common.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.metrics.TaskMetrics;
import io.mqttpersistence.connect.common.testing.ConfigExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker/ without a Docker engine (.ci/run also validates the compose file
 * and lints the Dockerfile): every image is pinned, and every metric the Grafana dashboard queries
 * is one a task registers, named as the JMX exporter's rules name it.
 */
class DockerFilesTest {
  private static final Path DOCKER = ConfigExamples.repositoryRoot().resolve("docker");
  private static final Pattern PINNED =
      Pattern.compile("[a-z0-9./-]+:v?\\d+(\\.\\d+)+(-[a-z0-9]+)?");

  @Test
  void everyImageAndBaseImageIsPinnedToAnExactVersion() throws Exception {
    List<String> images = new ArrayList<>();
    Matcher image =
        Pattern.compile("(?m)^\\s+image:\\s*(\\S+)")
            .matcher(Files.readString(DOCKER.resolve("compose.yaml")));
    while (image.find()) {
      images.add(image.group(1));
    }
    Matcher from =
        Pattern.compile("(?m)^FROM\\s+(\\S+)")
            .matcher(Files.readString(DOCKER.resolve("connect/Dockerfile")));
    while (from.find()) {
      images.add(from.group(1));
    }
    assertThat(images).hasSizeGreaterThan(10).allMatch(i -> PINNED.matcher(i).matches());
  }

  /** The exporter's rules, in order: a pattern over {@code domain<keys><>attribute} and a name. */
  private static Map<Pattern, String> exporterRules() throws Exception {
    String yaml = Files.readString(DOCKER.resolve("connect/jmx-exporter.yaml"));
    Matcher m = Pattern.compile("(?m)^\\s+- pattern: '(.+)'\\n\\s+name: (\\S+)").matcher(yaml);
    Map<Pattern, String> rules = new LinkedHashMap<>();
    while (m.find()) {
      rules.put(Pattern.compile(m.group(1)), m.group(2));
    }
    assertThat(rules).isNotEmpty();
    return rules;
  }

  /** The Prometheus name the exporter gives one of our metrics, if a rule takes it. */
  private static String prometheusName(MetricName n, Map<Pattern, String> rules) {
    String bean =
        TaskMetrics.DOMAIN
            + "<type="
            + n.group()
            + n.tags().entrySet().stream()
                .map(e -> ", " + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining())
            + "><>"
            + n.name();
    for (Map.Entry<Pattern, String> r : rules.entrySet()) {
      Matcher m = r.getKey().matcher(bean);
      if (m.matches()) {
        return m.replaceAll(r.getValue()).replace('-', '_');
      }
    }
    return null;
  }

  @Test
  void everyMetricTheDashboardQueriesIsOneTheTasksRegister() throws Exception {
    Map<Pattern, String> rules = exporterRules();
    Set<String> exported = new TreeSet<>();
    try (TaskMetrics metrics =
        new TaskMetrics(
            "c",
            "0",
            HookParser.parse(
                    Map.of("hook.client.connected.1", "{\"action\": {\"function\": \"f\"}}"))
                .hooks(),
            Set.of(),
            false)) {
      metrics.retried("ConnectException");
      for (MetricName n : metrics.describeAll().keySet()) {
        String name = prometheusName(n, rules);
        if (n.group().startsWith("sink-")) {
          assertThat(name).as("an exporter rule for " + n).isNotNull();
          exported.add(name);
        }
      }
    }
    String dashboard = Files.readString(DOCKER.resolve("grafana/dashboards/mqtt-persistence.json"));
    Matcher used = Pattern.compile("mqttpersistence_[a-z0-9_]+").matcher(dashboard);
    Set<String> queried = new TreeSet<>();
    while (used.find()) {
      queried.add(used.group());
    }
    assertThat(queried).hasSizeGreaterThan(10);
    assertThat(exported).containsAll(queried);
    // Connect's own metrics the dashboard shows come through rules of their own.
    Matcher connect = Pattern.compile("kafka_connect_[a-z0-9_]+").matcher(dashboard);
    while (connect.find()) {
      String metric = connect.group();
      assertThat(rules.values())
          .as(metric)
          .anySatisfy(name -> assertThat(metric).startsWith(name.substring(0, name.indexOf('$'))));
    }
  }
}
