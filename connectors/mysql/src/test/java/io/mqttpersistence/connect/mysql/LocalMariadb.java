package io.mqttpersistence.connect.mysql;

import io.mqttpersistence.connect.common.testing.LocalServers;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import io.mqttpersistence.connect.jdbc.testing.RestartableServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server in a temporary data directory on a free loopback port, started from the
 * machine's mariadbd binary (installed by .ci/run), so a test may stop it without disturbing
 * others.
 */
final class LocalMariadb implements RestartableServer {
  private static final List<Path> SEARCH =
      List.of(
          Path.of("/usr/sbin"),
          Path.of("/usr/bin"),
          Path.of("/usr/local/bin"),
          Path.of("/usr/local/sbin"));

  private final Path mariadbd;
  private final Path data;
  private final int port;
  private Process process;

  /** Server options beyond the defaults, e.g. its TLS certificate. */
  private final List<String> extraArgs = new ArrayList<>();

  private LocalMariadb(Path mariadbd, Path data, int port) {
    this.mariadbd = mariadbd;
    this.data = data;
    this.port = port;
  }

  /** The binaries, when this machine has them. */
  static Optional<Path[]> binaries() {
    Optional<Path> server = find("mariadbd");
    Optional<Path> installDb = find("mariadb-install-db");
    return server.isPresent() && installDb.isPresent()
        ? Optional.of(new Path[] {server.get(), installDb.get()})
        : Optional.empty();
  }

  static LocalMariadb start(Path[] binaries) throws IOException, InterruptedException {
    return start(binaries, null);
  }

  /**
   * A server that also speaks TLS with the certificate {@code certificates} made (copied into its
   * data directory, which the server's user can read).
   */
  static LocalMariadb startTls(Path[] binaries, TestCertificates certificates)
      throws IOException, InterruptedException {
    return start(binaries, certificates);
  }

  private static LocalMariadb start(Path[] binaries, TestCertificates tls)
      throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("mqttp-mariadb");
    List<String> install =
        new ArrayList<>(
            List.of(
                binaries[1].toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
    if (isRoot()) {
      data.toFile().setWritable(true, false);
      install.add("--user=mysql");
      new ProcessBuilder("chown", "mysql", data.toString()).inheritIO().start().waitFor();
    }
    run(install, data.resolve("install.log"));
    LocalMariadb db = new LocalMariadb(binaries[0], data, LocalServers.freePort());
    if (tls != null) {
      Path cert = Files.copy(tls.serverCert(), data.resolve("tls-server.pem"));
      Path key = Files.copy(tls.serverKey(), data.resolve("tls-server.key"));
      if (isRoot()) {
        new ProcessBuilder("chown", "mysql", cert.toString(), key.toString())
            .inheritIO()
            .start()
            .waitFor();
      }
      db.extraArgs.addAll(List.of("--ssl-cert=" + cert, "--ssl-key=" + key));
    }
    db.start();
    return db;
  }

  @Override
  public String server() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void start() throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--socket=" + data.resolve("mysqld.sock"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M"));
    cmd.addAll(extraArgs);
    if (isRoot()) {
      cmd.add("--user=mysql");
    }
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        DriverManager.getConnection("jdbc:mysql://" + server() + "/?sslMode=DISABLED", "root", "")
            .close();
        return;
      } catch (SQLException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("MariaDB did not start; see " + data.resolve("server.log"), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  /** A clean shutdown (SIGTERM), as an operator's restart would do. */
  @Override
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    LocalServers.deleteTree(data);
  }

  private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(log));
    }
  }

  private static Optional<Path> find(String name) {
    List<Path> dirs = new ArrayList<>(SEARCH);
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
