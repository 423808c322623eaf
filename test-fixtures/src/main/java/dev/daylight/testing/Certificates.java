package dev.daylight.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** TLS material for a collector on loopback, made by the system's openssl as an operator would. */
public final class Certificates {
  private Certificates() {}

  /**
   * Writes a one-day self-signed P-256 certificate for 127.0.0.1 and its key as PEM files. Skips
   * the calling test (fails it under {@value Requires#ALL}) where openssl is not installed.
   */
  public static void selfSigned(Path cert, Path key) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "ec",
                  "-pkeyopt",
                  "ec_paramgen_curve:P-256",
                  "-nodes",
                  "-keyout",
                  key.toString(),
                  "-out",
                  cert.toString(),
                  "-days",
                  "1",
                  "-subj",
                  "/CN=localhost",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw Requires.missing(
          "openssl not installed (apt-get install openssl): no test certificate");
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl req failed: " + out.strip());
    }
  }
}
