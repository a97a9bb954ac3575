package io.mqttpersistence.connect.common.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The trust and key store keys a connector's TLS needs ({@code <prefix>.ssl.truststore} and
 * friends), defined once for every connector that builds its own {@link SSLContext}, and the
 * context they make. Certificates are verified; without a trust store, against the JVM's default
 * CAs.
 */
public final class TlsStores {
  private TlsStores() {}

  /** Defines the four keys in {@code group}, from {@code order} on; returns the next order. */
  public static int define(ConfigDef def, String prefix, String group, int order) {
    def.define(
        prefix + ".ssl.truststore",
        ConfigDef.Type.STRING,
        null,
        Importance.MEDIUM,
        "Trust store file (PKCS12 or JKS) with the CA that signs the server's certificate; the JVM's"
            + " default trust store when unset.",
        group,
        order++,
        Width.LONG,
        "SSL trust store");
    def.define(
        prefix + ".ssl.truststore.password",
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the trust store.",
        group,
        order++,
        Width.MEDIUM,
        "SSL trust store password");
    def.define(
        prefix + ".ssl.keystore",
        ConfigDef.Type.STRING,
        null,
        Importance.LOW,
        "Key store file (PKCS12 or JKS) with the client certificate, for certificate authentication.",
        group,
        order++,
        Width.LONG,
        "SSL key store");
    def.define(
        prefix + ".ssl.keystore.password",
        ConfigDef.Type.PASSWORD,
        null,
        Importance.LOW,
        "Password of the key store.",
        group,
        order++,
        Width.MEDIUM,
        "SSL key store password");
    return order;
  }

  /**
   * The SSL context the keys describe.
   *
   * @throws ConfigException naming the key of a store that cannot be read
   */
  public static SSLContext context(AbstractConfig config, String prefix) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(config, prefix + ".ssl.truststore"));
      KeyManagerFactory kmf = null;
      KeyStore keys = load(config, prefix + ".ssl.keystore");
      if (keys != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password(config, prefix + ".ssl.keystore.password"));
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(prefix + ".ssl: cannot set up TLS: " + e.getMessage());
    }
  }

  private static KeyStore load(AbstractConfig config, String key) {
    String path = config.getString(key);
    if (path == null || path.isBlank()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore store = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
      store.load(in, password(config, key + ".password"));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // The message names the file, never the password.
      throw new ConfigException(key + ": cannot read " + path + ": " + e.getMessage());
    }
  }

  private static char[] password(AbstractConfig config, String key) {
    Password p = config.getPassword(key);
    return p == null ? null : p.value().toCharArray();
  }

  /**
   * Whether {@code e} or one of its causes is a failed TLS handshake (a certificate not signed by a
   * trusted CA, or not naming the host): a validate error then belongs to the trust store's key,
   * not the server's address.
   */
  public static boolean isHandshakeFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.security.cert.CertificateException) {
        return true;
      }
      // Drivers that try several nodes keep each node's error as a suppressed one.
      for (Throwable s : t.getSuppressed()) {
        if (isHandshakeFailure(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** What the failed handshake in {@code e} said, or e's own message where there is none. */
  public static String handshakeFailureMessage(Throwable e) {
    String found = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.security.cert.CertificateException) {
        found = t.getMessage();
      }
    }
    return found == null ? String.valueOf(e.getMessage()) : found;
  }
}
