package dev.daylight.agent.report;

import dev.daylight.agent.platform.Os;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAs the agent trusts for its collector: the runtime's own (bundled in the jlinked runtime),
 * the operating system's store (where a company's CA is usually installed by IT), and a CA file
 * from {@code agent.conf} or {@code enroll --ca}. A chain any of them accepts is trusted.
 */
final class TrustStores {
  private static final Logger log = LoggerFactory.getLogger(TrustStores.class);

  /**
   * The CA bundles Linux distributions keep (Debian/Ubuntu, Fedora/RHEL, SUSE, Alpine and others).
   */
  static final List<Path> LINUX_BUNDLES =
      List.of(
          Path.of("/etc/ssl/certs/ca-certificates.crt"),
          Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
          Path.of("/etc/ssl/ca-bundle.pem"),
          Path.of("/etc/ssl/cert.pem"));

  private TrustStores() {}

  static X509TrustManager forCollector(String caPem) throws GeneralSecurityException, IOException {
    List<X509TrustManager> all = new ArrayList<>();
    all.add(manager(null));
    osStore(Os.current())
        .ifPresent(
            ks -> {
              try {
                all.add(manager(ks));
              } catch (GeneralSecurityException e) {
                log.debug("OS trust store unusable: {}", e.getMessage());
              }
            });
    if (caPem != null && !caPem.isBlank()) {
      all.add(manager(pemStore(caPem)));
    }
    return new AnyOf(all);
  }

  /** The OS's trusted CAs as a key store, when this OS has one the runtime can read. */
  static Optional<KeyStore> osStore(Os os) {
    try {
      return switch (os) {
        case LINUX -> linuxBundle();
        case MACOS -> Optional.of(loaded("KeychainStore"));
        case WINDOWS -> Optional.of(loaded("Windows-ROOT"));
      };
    } catch (GeneralSecurityException | IOException e) {
      log.debug("no OS trust store: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<KeyStore> linuxBundle() throws GeneralSecurityException, IOException {
    for (Path bundle : LINUX_BUNDLES) {
      if (Files.isReadable(bundle)) {
        return Optional.of(pemStore(Files.readString(bundle, StandardCharsets.ISO_8859_1)));
      }
    }
    return Optional.empty();
  }

  private static KeyStore loaded(String type) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    return ks;
  }

  static KeyStore pemStore(String pem) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1))) {
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, cert);
      }
    }
    if (i == 0) {
      throw new IllegalArgumentException("no certificate in the CA file");
    }
    return ks;
  }

  private static X509TrustManager manager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  /** Trusts what any one of its managers trusts; the first refusal is the one reported. */
  private static final class AnyOf implements X509TrustManager {
    private final List<X509TrustManager> managers;

    AnyOf(List<X509TrustManager> managers) {
      this.managers = List.copyOf(managers);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      CertificateException first = null;
      for (X509TrustManager m : managers) {
        try {
          m.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException e) {
          first = first == null ? e : first;
        }
      }
      throw first != null ? first : new CertificateException("no trust store");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return managers.stream()
          .flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    }
  }
}
