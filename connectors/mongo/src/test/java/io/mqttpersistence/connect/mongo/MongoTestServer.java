package io.mqttpersistence.connect.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mqttpersistence.connect.common.testing.LocalServers;
import io.mqttpersistence.connect.common.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The MongoDB the tests talk to over the wire protocol: a real one when {@code -Dit.mongo.uri}
 * names it (a URI without a database: each test takes a database of its own), else
 * mongo-java-server in this JVM. That server is an imitation (no transactions, no TTL expiry, loose
 * partial-failure counts): nothing here relies on what only it does.
 */
final class MongoTestServer implements AutoCloseable {
  private static final String GIVEN = System.getProperty("it.mongo.uri", "").trim();
  private static MongoTestServer shared;

  private final String uri;
  private final int port;
  private final Path h2File;
  private MongoServer server;

  /** How the test's own client trusts a TLS server, or null for a plain one. */
  private SSLContext clientTls;

  private MongoTestServer(String uri, int port, Path h2File, MongoServer server) {
    this.uri = uri;
    this.port = port;
    this.h2File = h2File;
    this.server = server;
  }

  /** The server every suite of this JVM uses. */
  static synchronized MongoTestServer shared() throws IOException {
    if (shared == null) {
      if (!GIVEN.isEmpty()) {
        shared = new MongoTestServer(GIVEN, -1, null, null);
      } else {
        int port = LocalServers.freePort();
        MongoServer s = new MongoServer(new MemoryBackend());
        s.bind("127.0.0.1", port);
        shared = new MongoTestServer("mongodb://127.0.0.1:" + port, port, null, null);
        shared.server = s;
        Runtime.getRuntime().addShutdownHook(new Thread(s::shutdownNow));
      }
    }
    return shared;
  }

  /** A server someone else runs, e.g. a container. */
  static MongoTestServer at(String uri) {
    return new MongoTestServer(uri, -1, null, null);
  }

  static boolean usesGivenServer() {
    return !GIVEN.isEmpty();
  }

  /**
   * An in-JVM server of the test's own that speaks only TLS, with the key and certificate {@code
   * certificates} made; the test's client trusts their CA.
   */
  static MongoTestServer tls(TestCertificates certificates) throws Exception {
    char[] password = TestCertificates.STORE_PASSWORD.toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.serverKeystore())) {
      keys.load(in, password);
    }
    PrivateKey key = (PrivateKey) keys.getKey("server", password);
    X509Certificate[] chain =
        Arrays.stream(keys.getCertificateChain("server"))
            .map(X509Certificate.class::cast)
            .toArray(X509Certificate[]::new);
    int port = LocalServers.freePort();
    MongoServer s = new MongoServer(new MemoryBackend());
    s.enableSsl(key, null, chain);
    s.bind("127.0.0.1", port);
    MongoTestServer t = new MongoTestServer("mongodb://127.0.0.1:" + port, port, null, s);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.truststore())) {
      trust.load(in, password);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    t.clientTls = SSLContext.getInstance("TLS");
    t.clientTls.init(null, tmf.getTrustManagers(), null);
    return t;
  }

  /** An in-JVM server of the test's own, on disk so that it can be stopped and started again. */
  static MongoTestServer restartable() throws IOException {
    int port = LocalServers.freePort();
    Path file = Files.createTempFile("mqttp-mongo", ".mv");
    Files.delete(file);
    MongoTestServer s = new MongoTestServer("mongodb://127.0.0.1:" + port, port, file, null);
    s.start();
    return s;
  }

  void start() {
    server = new MongoServer(new H2Backend(h2File.toString()));
    server.bind("127.0.0.1", port);
  }

  void stop() {
    server.shutdownNow();
  }

  String uri() {
    return uri;
  }

  static String freshDatabase() {
    return "mqttp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The keys that point the connector at {@code database} of this server. */
  Map<String, String> connection(String database) {
    if (port < 0) {
      return Map.of("mongo.uri", uri, "mongo.database", database);
    }
    return Map.of("mongo.server", "127.0.0.1:" + port, "mongo.database", database);
  }

  MongoClient client() {
    if (clientTls == null) {
      return MongoClients.create(uri);
    }
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToSslSettings(tls -> tls.enabled(true).context(clientTls))
            .build());
  }

  @Override
  public void close() throws IOException {
    if (clientTls != null) {
      server.shutdownNow();
    }
    if (h2File != null) {
      server.shutdownNow();
      Files.deleteIfExists(h2File);
    }
  }
}
