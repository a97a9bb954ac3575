package io.mqttpersistence.connect.common.testing;

import io.mqttpersistence.connect.common.metrics.TaskMetrics;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;

/**
 * Reads a task's metrics the way an operator's JMX exporter does: by MBean name and attribute from
 * the platform MBean server of the JVM the worker runs in.
 */
public final class TaskMetricsReader {
  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
  private final String connector;
  private final int task;

  public TaskMetricsReader(String connector, int task) {
    this.connector = connector;
    this.task = task;
  }

  private String tags() {
    return "connector=" + Sanitizer.jmxSanitize(connector) + ",task=" + task;
  }

  private static ObjectName name(String text) {
    try {
      return new ObjectName(text);
    } catch (JMException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The task MBean, as {@code io.mqttpersistence.connect:type=sink-task-metrics,...}. */
  public ObjectName taskMBean() {
    return name(TaskMetrics.DOMAIN + ":type=" + TaskMetrics.TASK_GROUP + "," + tags());
  }

  public ObjectName hookMBean(String hookKey, String action) {
    return name(
        TaskMetrics.DOMAIN
            + ":type="
            + TaskMetrics.HOOK_GROUP
            + ","
            + tags()
            + ",hook="
            + Sanitizer.jmxSanitize(hookKey)
            + ",action="
            + action);
  }

  /** Every MBean of this task's connector, of any type and task. */
  public Set<ObjectName> connectorMBeans() {
    return SERVER.queryNames(
        name(TaskMetrics.DOMAIN + ":connector=" + Sanitizer.jmxSanitize(connector) + ",*"), null);
  }

  public double task(String attribute) {
    return read(taskMBean(), attribute);
  }

  public double hook(String hookKey, String action, String attribute) {
    return read(hookMBean(hookKey, action), attribute);
  }

  /** The attribute names an MBean of this task offers, as a JMX client lists them. */
  public static Set<String> attributes(ObjectName mbean) {
    try {
      Set<String> out = new java.util.TreeSet<>();
      for (var a : SERVER.getMBeanInfo(mbean).getAttributes()) {
        out.add(a.getName());
      }
      return out;
    } catch (JMException e) {
      throw new AssertionError("no MBean " + mbean, e);
    }
  }

  /** Records the task has finished with: written, skipped for any reason, or dead-lettered. */
  public double accountedFor() {
    return task("records-written-total")
        + task("records-skipped-unhandled-event-total")
        + task("records-skipped-unknown-event-total")
        + task("records-skipped-no-hook-matched-total")
        + task("records-dead-lettered-total");
  }

  public boolean registered() {
    return SERVER.isRegistered(taskMBean());
  }

  public static double read(ObjectName mbean, String attribute) {
    try {
      return ((Number) SERVER.getAttribute(mbean, attribute)).doubleValue();
    } catch (JMException e) {
      throw new AssertionError("no attribute " + attribute + " on " + mbean, e);
    }
  }
}
