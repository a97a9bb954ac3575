package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.testing.LocalServers;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * Redis servers a test owns, started from the machine's redis-server (installed by .ci/run) on free
 * loopback ports in a temporary directory: one server, a three-master cluster, or a master with a
 * replica and a sentinel. Everything is stopped and deleted on close.
 */
final class LocalRedis implements AutoCloseable {
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  private LocalRedis() throws IOException {
    dir = Files.createTempDirectory("mqttp-redis");
  }

  static boolean installed() {
    return Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
        .anyMatch(p -> Files.isExecutable(Path.of(p)));
  }

  /** One server that keeps every write in its append-only file, so a restart loses nothing. */
  static LocalRedis single() throws Exception {
    LocalRedis r = new LocalRedis();
    r.ports.add(r.server(false, port -> List.of("--appendonly", "yes", "--appendfsync", "always")));
    return r;
  }

  /**
   * One server with a TLS port (the certificate {@code certificates} signed) beside its plain one,
   * which the tests read back through.
   */
  static LocalRedis tls(TestCertificates certificates) throws Exception {
    LocalRedis r = new LocalRedis();
    int tlsPort = LocalServers.freePort();
    r.ports.add(
        r.server(
            false,
            port ->
                List.of(
                    "--tls-port",
                    Integer.toString(tlsPort),
                    "--tls-cert-file",
                    certificates.serverCert().toString(),
                    "--tls-key-file",
                    certificates.serverKey().toString(),
                    "--tls-ca-cert-file",
                    certificates.caPem().toString(),
                    "--tls-auth-clients",
                    "no")));
    r.ports.add(tlsPort);
    return r;
  }

  /** Three masters sharing the 16384 slots. */
  static LocalRedis cluster() throws Exception {
    LocalRedis r = new LocalRedis();
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int i = 0; i < 3; i++) {
      int port =
          r.server(
              true,
              p ->
                  List.of(
                      "--cluster-enabled",
                      "yes",
                      "--cluster-config-file",
                      r.dir.resolve("nodes-" + p + ".conf").toString(),
                      "--cluster-node-timeout",
                      "2000"));
      r.ports.add(port);
      create.add("127.0.0.1:" + port);
    }
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(create, r.dir.resolve("create.log"));
    for (int port : r.ports) {
      waitFor(
          () -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
              return j.clusterInfo().contains("cluster_state:ok");
            }
          },
          "cluster state ok on " + port);
    }
    return r;
  }

  /** A master, its replica, and one sentinel watching the master as "mymaster". */
  static LocalRedis sentinel() throws Exception {
    LocalRedis r = new LocalRedis();
    int master = r.server(false, port -> List.of("--repl-diskless-sync-delay", "0"));
    int replica =
        r.server(
            false,
            port ->
                List.of(
                    "--replicaof",
                    "127.0.0.1",
                    Integer.toString(master),
                    "--repl-diskless-sync-delay",
                    "0"));
    waitFor(
        () -> {
          try (Jedis j = new Jedis("127.0.0.1", replica)) {
            return j.info("replication").contains("master_link_status:up");
          }
        },
        "the replica to sync");
    int sentinel = LocalServers.freePort();
    Path conf = r.dir.resolve("sentinel.conf");
    Files.writeString(
        conf,
        "port "
            + sentinel
            + "\nbind 127.0.0.1\ndir "
            + r.dir
            + "\n"
            + "sentinel monitor mymaster 127.0.0.1 "
            + master
            + " 1\n"
            + "sentinel down-after-milliseconds mymaster 2000\nsentinel failover-timeout mymaster 5000\n");
    r.start(sentinel, List.of("redis-server", conf.toString(), "--sentinel"));
    r.ports.addAll(List.of(master, replica, sentinel));
    waitFor(
        () -> {
          try (Jedis j = new Jedis("127.0.0.1", sentinel)) {
            return j.sentinelGetMasterAddrByName("mymaster") != null
                && j.sentinelReplicas("mymaster").size() == 1;
          }
        },
        "the sentinel to see master and replica");
    return r;
  }

  /**
   * host:port of every server (single: one; cluster: the masters; sentinel: master, replica,
   * sentinel; tls: the plain port, then the TLS port).
   */
  List<String> addresses() {
    return ports.stream().map(p -> "127.0.0.1:" + p).toList();
  }

  int port(int i) {
    return ports.get(i);
  }

  /** Stops the single server cleanly (it writes its data) and starts it again on the same port. */
  void restart(long downMillis) throws Exception {
    stop();
    Thread.sleep(downMillis);
    start();
  }

  /** Stops the single server cleanly: it writes its data. */
  void stop() throws Exception {
    try (Jedis j = new Jedis("127.0.0.1", ports.get(0))) {
      j.shutdown();
    } catch (RuntimeException closedByShutdown) {
      // The server closes the connection as it stops.
    }
    processes.get(0).waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the stopped single server again on its port, with its data. */
  void start() throws Exception {
    int port = ports.get(0);
    processes.set(0, launch(port, List.of("--appendonly", "yes", "--appendfsync", "always")));
    waitFor(() -> ping(port), "redis on " + port + " to come back");
  }

  /**
   * Starts a server on a free port and returns the port. A port found free can be taken by another
   * process before redis-server binds it (tests run beside Kafka and the databases); the server
   * then exits at once, and we try again on another port rather than wait for it.
   */
  private int server(boolean clusterBus, Function<Integer, List<String>> options) throws Exception {
    String lastLog = "";
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = clusterBus ? freePortWithBus() : LocalServers.freePort();
      Process process = launch(port, options.apply(port));
      if (answers(process, port)) {
        processes.add(process);
        return port;
      }
      process.destroyForcibly();
      lastLog = Files.readString(log(port));
    }
    throw new IllegalStateException(
        "redis-server did not start on five ports; last log:\n" + lastLog);
  }

  /** A port below 55536 whose cluster bus port (port + 10000) is free too. */
  private static int freePortWithBus() throws IOException {
    while (true) {
      int port = LocalServers.freePort();
      if (port <= 55_000 && bindable(port + 10_000)) {
        return port;
      }
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static boolean answers(Process process, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (ping(port)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private Process launch(int port, List<String> options) throws IOException {
    Path data = dir.resolve("data-" + port);
    Files.createDirectories(data);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                data.toString(),
                "--save",
                ""));
    cmd.addAll(options);
    return spawn(port, cmd);
  }

  private void start(int port, List<String> cmd) throws Exception {
    processes.add(spawn(port, cmd));
    waitFor(() -> ping(port), "redis on " + port);
  }

  /** Runs {@code cmd} with its output appended to the log of the server on {@code port}. */
  private Process spawn(int port, List<String> cmd) throws IOException {
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(port).toFile()))
        .start();
  }

  private Path log(int port) {
    return dir.resolve("redis-" + port + ".log");
  }

  private static boolean ping(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      return "PONG".equals(j.ping());
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // keep waiting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(log));
    }
  }

  @Override
  public void close() throws IOException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    LocalServers.deleteTree(dir);
  }
}
