package io.mqttpersistence.connect.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to the database, written once: a server of the test's own speaking TLS with a certificate
 * that a CA the test generated signed. The connector stores a stream over TLS verifying that
 * certificate; trusting another CA, or only the JVM's default CAs, fails validate on the trust
 * store's key. A connector runs it by starting such a server and saying which keys trust a CA.
 */
public abstract class TlsSuite extends EmbeddedConnectSuite {
  private static TestCertificates certificates;
  private static TestCertificates otherCa;
  private static ReliabilityReport report;

  /** A store on a server that speaks TLS with {@code certificates}' server certificate. */
  protected abstract StoreUnderTest startTlsStore(TestCertificates certificates) throws Exception;

  /** The keys that turn TLS on, verifying the server (against the JVM's CAs unless trusting). */
  protected abstract Map<String, String> tlsOn();

  /** The keys that make the connector trust {@code ca}'s certificates. */
  protected abstract Map<String, String> trusting(TestCertificates ca);

  /** The key a validate error names when the server's certificate is not trusted. */
  protected abstract String trustKey();

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.generate();
    otherCa = TestCertificates.generate();
  }

  @AfterAll
  static void deleteCertificates() throws Exception {
    if (report != null) {
      report.write();
      report = null;
    }
    certificates.close();
    otherCa.close();
  }

  @Test
  void storesOverVerifiedTlsAndRefusesACertificateItDoesNotTrust() throws Exception {
    try (StoreUnderTest store = startTlsStore(certificates)) {
      ConnectHarness.Topics topics = connect.freshTopics(2);
      Map<String, String> cfg = TestConfigs.base(store.connectorClass(), topics.events(), 2);
      cfg.putAll(store.freshStore());
      cfg.putAll(store.writeHooks());
      cfg.putAll(tlsOn());
      cfg.putAll(trusting(certificates));
      String name = "tls-" + store.name();
      cfg.put("name", name);
      assertThat(connect.validationErrors(store.connectorClass(), cfg)).isEmpty();

      Map<String, String> wrongCa = new HashMap<>(cfg);
      wrongCa.putAll(trusting(otherCa));
      Map<String, List<String>> wrong = connect.validationErrors(store.connectorClass(), wrongCa);
      assertThat(wrong).as("validate trusting another CA").containsKey(trustKey());

      Map<String, String> defaultCas = new HashMap<>(cfg);
      trusting(certificates).keySet().forEach(defaultCas::remove);
      Map<String, List<String>> untrusted =
          connect.validationErrors(store.connectorClass(), defaultCas);
      assertThat(untrusted).as("validate with the JVM's default CAs").containsKey(trustKey());

      connect.startConnector(name, cfg);
      List<StreamGenerator.Keyed> stream =
          new StreamGenerator(49, 6, true, System.currentTimeMillis() - 600_000).generate(500);
      StreamProducer.send(connect.bootstrapServers(), topics.events(), stream);
      long sent = System.nanoTime();
      if (report == null) {
        report = new ReliabilityReport(store.name(), "tls");
      }
      report.await(
          "a stream stored over TLS, the server's certificate verified",
          store,
          FaultStream.model(store, stream),
          stream.size(),
          -1,
          sent,
          Duration.ofMinutes(2),
          () -> connect.task(name).toString());
      report.addTable(
          "Trusting another CA, validate says on "
              + trustKey()
              + ": "
              + firstLine(wrong.get(trustKey()).get(0))
              + "\n\nWith the JVM's default CAs only: "
              + firstLine(untrusted.get(trustKey()).get(0))
              + "\n");
      connect.cluster().deleteConnector(name);
    }
  }

  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
