package io.mqttpersistence.connect.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A CA of the test's own and a server certificate it signed for 127.0.0.1 and localhost, made with
 * openssl and keytool: PEM files for servers, a PKCS12 trust store for clients. A second instance
 * is a CA the server's certificate does not come from.
 */
public final class TestCertificates implements AutoCloseable {
  public static final String STORE_PASSWORD = "changeit";
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  public static TestCertificates generate() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("mqttp-tls");
    TestCertificates c = new TestCertificates(dir);
    c.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=mqtt-persistence test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem");
    c.run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    c.run(
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "server.pem");
    c.run(
        "keytool",
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.pem",
        "-keystore",
        "truststore.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    c.run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        "server.pem",
        "-inkey",
        "server.key",
        "-name",
        "server",
        "-out",
        "server.p12",
        "-passout",
        "pass:" + STORE_PASSWORD);
    // Servers refuse keys others can read.
    Files.setPosixFilePermissions(c.serverKey(), PosixFilePermissions.fromString("rw-------"));
    return c;
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of(cmd))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("tools.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed:\n" + Files.readString(dir.resolve("tools.log")));
    }
  }

  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  public Path serverCert() {
    return dir.resolve("server.pem");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  /** PKCS12, password {@link #STORE_PASSWORD}, holding the server's key and certificate. */
  public Path serverKeystore() {
    return dir.resolve("server.p12");
  }

  /** PKCS12, password {@link #STORE_PASSWORD}, holding the CA. */
  public Path truststore() {
    return dir.resolve("truststore.p12");
  }

  @Override
  public void close() throws IOException {
    LocalServers.deleteTree(dir);
  }
}
