package dev.daylight.agent.report;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why an enrollment failed, in words an administrator can act on: a PKIX stack trace in a log file
 * is what the agent said before, and nobody read it.
 */
public final class EnrollFailure {
  private EnrollFailure() {}

  /** One sentence: what went wrong and what to set or check. Names no secret. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return "the collector's certificate is not trusted: no CA in the operating system's or the agent's "
            + "trust store issued it; set ca_file (the company CA as PEM) or pin (the SHA-256 of the "
            + "collector's public key) in agent.conf";
      }
      if (t instanceof CertificateExpiredException) {
        return "the collector's certificate has expired: " + t.getMessage();
      }
      if (t instanceof CertificateException
          && t.getMessage() != null
          && t.getMessage().contains("pin")) {
        return t.getMessage() + "; check pin in agent.conf";
      }
      if (t instanceof SSLPeerUnverifiedException) {
        return "the collector's certificate does not name the host in the collector address ("
            + t.getMessage()
            + "); use the name the certificate was issued for";
      }
      if (t instanceof UnknownHostException) {
        return "the collector's host name does not resolve (" + t.getMessage() + ")";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "cannot connect to the collector ("
            + t.getMessage()
            + "): is it running and reachable from here?";
      }
      if (t instanceof SocketTimeoutException) {
        return "the collector did not answer in time";
      }
    }
    String m = failure.getMessage();
    return m == null || m.isBlank() ? failure.getClass().getSimpleName() : m;
  }
}
