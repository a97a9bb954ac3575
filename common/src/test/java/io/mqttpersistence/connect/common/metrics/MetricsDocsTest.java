package io.mqttpersistence.connect.common.metrics;

import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookSpec;
import io.mqttpersistence.connect.common.testing.ReadmeSection;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * The README's metrics table is generated from the metrics a task registers, so it cannot list a
 * metric that does not exist or miss one that does. Regenerate: {@code mvn -B test -pl common
 * -Ddocs.update=true -Dtest=MetricsDocsTest}.
 */
class MetricsDocsTest {
  private static final List<String> GROUPS =
      List.of(TaskMetrics.TASK_GROUP, TaskMetrics.HOOK_GROUP, TaskMetrics.RETRY_GROUP);

  @Test
  void readmeMetricsTableIsCurrent() throws Exception {
    List<HookSpec> hooks =
        HookParser.parse(
                Map.of(
                    "hook.message.publish.1",
                    "{\"action\": {\"function\": \"on_message_publish\"}}"))
            .hooks();
    String table;
    try (TaskMetrics metrics = new TaskMetrics("c", "0", hooks, Set.of(), false)) {
      metrics.retried("SQLTransientConnectionException"); // the cause MBean appears on a retry
      table = markdown(metrics.describeAll().keySet());
    }
    ReadmeSection.assertCurrent(Path.of("../README.md"), "metrics", table);
  }

  private static String markdown(Set<MetricName> names) {
    StringBuilder out =
        new StringBuilder("| MBean type (tags) | Attribute | Meaning |\n|---|---|---|\n");
    names.stream()
        .filter(n -> GROUPS.contains(n.group()))
        .sorted(
            Comparator.<MetricName>comparingInt(n -> GROUPS.indexOf(n.group()))
                .thenComparing(MetricName::name))
        .forEach(
            n ->
                out.append("| `")
                    .append(n.group())
                    .append("` (")
                    .append(
                        n.tags().keySet().stream()
                            .map(t -> "`" + t + "`")
                            .collect(Collectors.joining(", ")))
                    .append(") | `")
                    .append(n.name())
                    .append("` | ")
                    .append(n.description())
                    .append(" |\n"));
    return out.toString();
  }
}
