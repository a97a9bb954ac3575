package io.mqttpersistence.connect.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a reliability suite's scenarios ended with, as RELIABILITY.md shows it: each scenario waits
 * for the store to equal the model through {@link #await}, which records a row whether it does or
 * not. {@link #write} leaves the table in target/reliability/ and, with {@code
 * -Dreliability.update=true} (the {@code -Preliability} profile), in the repository's
 * RELIABILITY.md between {@code <!-- reliability:<connector>:<suite>:start/end -->}.
 */
public final class ReliabilityReport {
  /**
   * One scenario. Entries are the store's clients, messages, retained messages and cursors.
   *
   * @param lost entries of the model the store lacks
   * @param duplicated entries the store holds that the model does not (a message stored twice under
   *     a second id, a cleared retained message back)
   * @param wrong entries the store holds with other values than the model's
   * @param deadLettered records in the dead-letter queue, or -1 where the scenario sends none
   * @param recovery from the end of the fault to the store equal to the model; null where the store
   *     was compared once, or never reached the model (then lost, duplicated or wrong say how)
   */
  public record Row(
      String scenario,
      int events,
      int entries,
      int lost,
      int duplicated,
      int wrong,
      long deadLettered,
      Duration recovery) {}

  private final String connector;
  private final String suite;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> extraTables = new ArrayList<>();

  public ReliabilityReport(String connector, String suite) {
    this.connector = connector;
    this.suite = suite;
  }

  /**
   * Waits up to {@code timeout} for the store to equal {@code expected} and records the scenario's
   * row; on timeout the row counts what differs and the assertion error says which entries.
   *
   * @param faultEnded System.nanoTime() when the fault was over (the worker or server back), from
   *     which recovery is counted
   */
  public void await(
      String scenario,
      StoreUnderTest store,
      Snapshot expected,
      int events,
      long deadLettered,
      long faultEnded,
      Duration timeout,
      Supplier<String> context)
      throws InterruptedException {
    Snapshot last = pollUntilEqual(store, expected, timeout);
    Row row = row(scenario, events, expected, last, deadLettered);
    boolean reached = expected.equals(last);
    rows.add(
        new Row(
            row.scenario(),
            row.events(),
            row.entries(),
            row.lost(),
            row.duplicated(),
            row.wrong(),
            row.deadLettered(),
            reached ? Duration.ofNanos(System.nanoTime() - faultEnded) : null));
    assertReached(expected, last, timeout, context);
  }

  /** Fails saying which entries differ unless {@code last} equals the model. */
  static void assertReached(
      Snapshot expected, Snapshot last, Duration timeout, Supplier<String> context) {
    if (!expected.equals(last)) {
      throw new AssertionError(
          "after "
              + timeout
              + " the store still differs from the model:\n  "
              + (last == null
                  ? "the store never answered"
                  : String.join("\n  ", last.differencesFrom(expected, 20)))
              + "\n"
              + context.get());
    }
  }

  /** Records a scenario whose store was compared once, not awaited (a replay's end state). */
  public Row compare(
      String scenario, int events, Snapshot expected, Snapshot actual, long deadLettered) {
    Row row = row(scenario, events, expected, actual, deadLettered);
    rows.add(row);
    return row;
  }

  /** A table of the suite's own (the bad-input categories), written after the scenario rows. */
  public void addTable(String markdown) {
    extraTables.add(markdown);
  }

  /**
   * Reads the store every half second until it equals {@code expected} or the time is up; returns
   * the last snapshot read, null when the store never answered.
   */
  public static Snapshot pollUntilEqual(StoreUnderTest store, Snapshot expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Snapshot last = null;
    while (true) {
      try {
        last = store.snapshot();
        if (last.equals(expected)) {
          return last;
        }
      } catch (Exception stillComingBack) {
        // A restarted server answers again soon; the last good read stands meanwhile.
      }
      if (System.nanoTime() > deadline) {
        return last;
      }
      Thread.sleep(500);
    }
  }

  private static Row row(
      String scenario, int events, Snapshot expected, Snapshot actual, long deadLettered) {
    Snapshot a = actual == null ? new Snapshot(Map.of(), Map.of(), Map.of(), Map.of()) : actual;
    int[] c = new int[4];
    count(expected.clients(), a.clients(), c);
    count(expected.messages(), a.messages(), c);
    count(expected.retained(), a.retained(), c);
    count(expected.cursors(), a.cursors(), c);
    return new Row(scenario, events, c[0], c[1], c[2], c[3], deadLettered, null);
  }

  /** c: entries in the model, lost, duplicated, wrong. */
  private static <V> void count(Map<String, V> expected, Map<String, V> actual, int[] c) {
    c[0] += expected.size();
    expected.forEach(
        (k, v) -> {
          if (!actual.containsKey(k)) {
            c[1]++;
          } else if (!Objects.equals(actual.get(k), v)) {
            c[3]++;
          }
        });
    actual.keySet().forEach(k -> c[2] += expected.containsKey(k) ? 0 : 1);
  }

  /** The suite's tables as markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%s, %s: Java %s, %d cores%n%n",
            connector,
            suite,
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors()));
    md.append(
        "| scenario | events | model entries | lost | duplicated | wrong | dead-lettered |"
            + " recovered in |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing(Row::scenario));
    for (Row r : sorted) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %s | %s |%n",
              r.scenario(),
              r.events(),
              r.entries(),
              r.lost(),
              r.duplicated(),
              r.wrong(),
              r.deadLettered() < 0 ? "-" : Long.toString(r.deadLettered()),
              r.recovery() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f s", r.recovery().toMillis() / 1000.0)));
    }
    extraTables.forEach(t -> md.append('\n').append(t));
    return md.toString();
  }

  /**
   * Writes target/reliability/{connector}-{suite}.md and, with -Dreliability.update=true, the
   * suite's section of RELIABILITY.md at the repository's root.
   */
  public void write() throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    String md = markdown();
    Path dir = Path.of("target", "reliability");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(connector + "-" + suite + ".md"), md);
    if (Boolean.getBoolean("reliability.update")) {
      replaceSection(
          ConfigExamples.repositoryRoot().resolve("RELIABILITY.md"),
          "reliability:" + connector + ":" + suite,
          md);
    }
  }

  private static void replaceSection(Path file, String name, String generated) throws IOException {
    String start = "<!-- " + name + ":start -->\n";
    String end = "<!-- " + name + ":end -->";
    String text = Files.readString(file);
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(file + " has no section " + name);
    }
    Files.writeString(
        file, text.substring(0, from + start.length()) + generated + text.substring(to));
  }
}
