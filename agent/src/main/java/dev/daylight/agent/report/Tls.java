package dev.daylight.agent.report;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * How the agent trusts its collector: the runtime's CAs, the operating system's trust store and a
 * CA file given at enrollment or in agent.conf together, or instead a pin of the collector's
 * certificate or public key (for a self-signed collector on a small network).
 */
final class Tls {
  private Tls() {}

  static void configure(OkHttpClient.Builder b, String caPem, String pin) {
    try {
      if (pin != null && !pin.isBlank()) {
        X509TrustManager tm = new PinnedTrust(normalizePin(pin));
        b.sslSocketFactory(context(tm).getSocketFactory(), tm);
        // The pin names the exact certificate, which is a stronger check than the host name.
        b.hostnameVerifier((host, session) -> true);
      } else {
        X509TrustManager tm = TrustStores.forCollector(caPem);
        b.sslSocketFactory(context(tm).getSocketFactory(), tm);
      }
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    return ctx;
  }

  /** Accepts hex (colons allowed) or {@code sha256/BASE64}; returns lower-case hex. */
  static String normalizePin(String pin) {
    String p = pin.trim();
    if (p.regionMatches(true, 0, "sha256/", 0, 7)) {
      byte[] digest;
      try {
        digest = Base64.getDecoder().decode(p.substring(7));
      } catch (IllegalArgumentException e) {
        digest = new byte[0];
      }
      if (digest.length != 32) {
        throw new IllegalArgumentException(
            "--pin sha256/... must be the Base64 of a 32-byte SHA-256");
      }
      return HexFormat.of().formatHex(digest);
    }
    String hex = p.replace(":", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "--pin must be a SHA-256 (64 hex digits, colons allowed, or sha256/BASE64)");
    }
    return hex;
  }

  /** Trusts a chain whose leaf certificate, or its public key, has the pinned SHA-256. */
  private static final class PinnedTrust implements X509TrustManager {
    private final String pin;

    PinnedTrust(String pin) {
      this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no certificate");
      }
      X509Certificate leaf = chain[0];
      leaf.checkValidity();
      if (!pin.equals(DigestUtils.sha256Hex(leaf.getEncoded()))
          && !pin.equals(DigestUtils.sha256Hex(leaf.getPublicKey().getEncoded()))) {
        throw new CertificateException(
            "the collector's certificate does not match the configured pin "
                + "(its public key's SHA-256 is "
                + DigestUtils.sha256Hex(leaf.getPublicKey().getEncoded())
                + ")");
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
