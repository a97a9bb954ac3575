package io.mqttpersistence.tools.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Cassandra, run from the {@code cassandra-all} artifact in a child JVM:
 * its own classpath (written by this module's build), Cassandra's JDK 17 flags, a minimal yaml, and
 * free ports. It can be stopped and started again on the same ports and data, as a restart test
 * needs, and is killed when the JVM that started it exits, whatever the tests did.
 */
public final class LocalCassandra implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Cassandra's conf/jvm17-server.options: without them the server cannot start on JDK 17. */
  private static final List<String> JDK17_FLAGS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private static LocalCassandra shared;

  private final Path dir;
  private final int nativePort;
  private final int storagePort;
  private final String heap;
  private Process process;

  /** Client TLS: a PKCS12 store with the node's key and certificate, or null for none. */
  private Path clientKeystore;

  private String clientKeystorePassword;

  private LocalCassandra(Path dir, int nativePort, int storagePort, String heap) {
    this.dir = dir;
    this.nativePort = nativePort;
    this.storagePort = storagePort;
    this.heap = heap;
  }

  /**
   * One server for every caller in this JVM, started on first use and killed at exit: starting one
   * costs about ten seconds and a gigabyte, so tests share it and keep apart by keyspace.
   */
  public static synchronized LocalCassandra shared() {
    if (shared == null) {
      shared = create("512m");
      shared.start();
    }
    return shared;
  }

  /** A server of one's own (for restarts), not yet started; {@link #close} removes its data. */
  public static LocalCassandra create(String heap) {
    try {
      Path dir = Files.createTempDirectory("local-cassandra");
      return new LocalCassandra(dir, freePort(), freePort(), heap);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes the CQL port also speak TLS with the key and certificate in {@code keystore} (PKCS12),
   * from the next {@link #start}; plain clients are still served on the same port (Cassandra's
   * {@code optional} encryption), so tests can read back without TLS.
   */
  public LocalCassandra withClientTls(Path keystore, String password) {
    this.clientKeystore = keystore;
    this.clientKeystorePassword = password;
    return this;
  }

  /** {@code host:port} of the CQL native transport. */
  public String contactPoint() {
    return "127.0.0.1:" + nativePort;
  }

  public int nativePort() {
    return nativePort;
  }

  /** Starts the server (again, on the same ports and data) and waits until CQL answers. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      writeConfig();
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(JDK17_FLAGS);
      cmd.addAll(
          List.of(
              "-Xms" + heap,
              "-Xmx" + heap,
              "-XX:+UseG1GC",
              "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
              "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
              "-Dcassandra-foreground=yes",
              "-Dcassandra.storagedir=" + dir,
              "-Dcassandra.logdir=" + dir.resolve("logs"),
              "-Dcassandra.skip_wait_for_gossip_to_settle=0",
              "-Dcassandra.ring_delay_ms=0",
              "-Dcassandra.load_ring_state=false",
              "-Dcassandra.superuser_setup_delay_ms=0",
              "-cp",
              serverClasspath(),
              "org.apache.cassandra.service.CassandraDaemon"));
      Files.createDirectories(dir.resolve("logs"));
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("logs/console.log").toFile()))
              .start();
      process = p;
      // Registered before anything else can throw, so that no failed start leaks a server.
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "stop-cassandra"));
      awaitPort(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server as an operator would (SIGTERM), keeping its data for {@link #start}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }

  private void awaitPort(Process p) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(
            "Cassandra exited with " + p.exitValue() + " while starting; see " + consoleLog());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", nativePort), 500);
        return;
      } catch (IOException notYet) {
        sleep(250);
      }
    }
    p.destroyForcibly();
    throw new IOException(
        "Cassandra did not open "
            + contactPoint()
            + " in "
            + START_TIMEOUT
            + "; see "
            + consoleLog());
  }

  private Path consoleLog() {
    return dir.resolve("logs/console.log");
  }

  private void writeConfig() throws IOException {
    String d = dir.toString();
    String yaml =
        String.join(
            "\n",
            "cluster_name: local",
            "num_tokens: 1",
            "initial_token: 0",
            "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
            "endpoint_snitch: SimpleSnitch",
            "commitlog_sync: periodic",
            "commitlog_sync_period: 10000ms",
            "commitlog_segment_size: 8MiB",
            "data_file_directories: [" + d + "/data]",
            "commitlog_directory: " + d + "/commitlog",
            "saved_caches_directory: " + d + "/saved_caches",
            "hints_directory: " + d + "/hints",
            "cdc_raw_directory: " + d + "/cdc_raw",
            "seed_provider: [{class_name: org.apache.cassandra.locator.SimpleSeedProvider,"
                + " parameters: [{seeds: \"127.0.0.1:"
                + storagePort
                + "\"}]}]",
            "listen_address: 127.0.0.1",
            "rpc_address: 127.0.0.1",
            "storage_port: " + storagePort,
            "native_transport_port: " + nativePort,
            "start_native_transport: true",
            "concurrent_reads: 4",
            "concurrent_writes: 4",
            "concurrent_counter_writes: 4",
            "concurrent_compactors: 1",
            "memtable_heap_space: 64MiB",
            "memtable_offheap_space: 64MiB",
            "key_cache_size: 0MiB",
            "counter_cache_size: 0MiB",
            "prepared_statements_cache_size: 8MiB",
            "dynamic_snitch: false",
            "auto_snapshot: false",
            "incremental_backups: false",
            clientKeystore == null
                ? ""
                : "client_encryption_options: {enabled: true, optional: true, keystore: "
                    + clientKeystore
                    + ", keystore_password: "
                    + clientKeystorePassword
                    + ", store_type: PKCS12}",
            "");
    Files.writeString(dir.resolve("cassandra.yaml"), yaml);
    Files.writeString(
        dir.resolve("logback.xml"),
        "<configuration><appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">"
            + "<file>"
            + d
            + "/logs/system.log</file><encoder><pattern>%d %-5level [%thread] %logger{20}"
            + " %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"FILE\"/></root></configuration>\n");
  }

  private static String serverClasspath() throws IOException {
    try (InputStream in =
        LocalCassandra.class.getResourceAsStream(
            "/io/mqttpersistence/tools/cassandra/server.classpath")) {
      Objects.requireNonNull(in, "server.classpath is written by this module's build");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a server in the foreground until killed: {@code java -cp ... LocalCassandra}. */
  public static void main(String[] args) throws InterruptedException {
    LocalCassandra c = shared();
    System.out.println("Cassandra listening on " + c.contactPoint());
    Thread.currentThread().join();
  }
}
