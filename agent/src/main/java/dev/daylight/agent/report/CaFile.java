package dev.daylight.agent.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CA file given to {@code enroll --ca}, checked before anything is sent: it must be readable
 * and hold at least one PEM certificate. Only the certificate blocks are kept (they end up in
 * collector.json), so a private key that shares the file is never copied.
 */
public final class CaFile {
  private static final long MAX_BYTES = 1 << 20;
  private static final Pattern CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----");

  private CaFile() {}

  /**
   * @return the PEM text of the file's certificates
   * @throws IllegalArgumentException when the file is missing, not a file, unreadable or not a PEM
   *     certificate: the person who named it must fix the argument; the message names the file
   * @throws IOException when reading failed for another reason
   */
  public static String read(Path file) throws IOException {
    return read(file, "--ca");
  }

  /**
   * @param setting how the person named the file ({@code --ca}, {@code ca_file in agent.conf})
   */
  public static String read(Path file, String setting) throws IOException {
    String name = setting + " " + file;
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(name + ": is a directory, not a PEM certificate file");
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new IllegalArgumentException(name + ": not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(name + ": over 1 MiB, not a CA certificate file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(name + ": permission denied");
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> blocks = new ArrayList<>();
    Matcher m = CERT.matcher(text);
    while (m.find()) {
      blocks.add(m.group());
    }
    if (blocks.isEmpty()) {
      String hint =
          bytes.length > 0 && bytes[0] == 0x30
              ? " (it looks like DER: convert it with openssl x509 -inform der -in FILE -out FILE.pem)"
              : " (expected -----BEGIN CERTIFICATE-----)";
      throw new IllegalArgumentException(name + ": no PEM certificate in it" + hint);
    }
    CertificateFactory x509;
    try {
      x509 = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 is unavailable", e);
    }
    for (int i = 0; i < blocks.size(); i++) {
      try {
        x509.generateCertificate(
            new ByteArrayInputStream(blocks.get(i).getBytes(StandardCharsets.US_ASCII)));
      } catch (CertificateException e) {
        throw new IllegalArgumentException(
            name + ": certificate " + (i + 1) + " of " + blocks.size() + " cannot be parsed");
      }
    }
    return String.join("\n", blocks) + "\n";
  }
}
