package dev.daylight.agent.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.daylight.agent.platform.PrivateFiles;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What enrollment gave this agent, kept in {@code collector.json} in the state dir, readable by its
 * owner only (0600): the node key is a secret and never goes into SQLite, logs or stdout.
 *
 * @param caPem the collector's CA certificate(s) in PEM, when enrolled with {@code --ca}
 * @param pin SHA-256 of the collector's certificate or public key, when enrolled with {@code --pin}
 * @param signingKey the collector's answer-signing public key (base64 SPKI) pinned at enrollment,
 *     or null for an agent enrolled before collectors signed (it pins the first signed answer's
 *     key)
 */
public record Credentials(
    String collector, String nodeId, String nodeKey, String caPem, String pin, String signingKey) {
  public Credentials(String collector, String nodeId, String nodeKey, String caPem, String pin) {
    this(collector, nodeId, nodeKey, caPem, pin, null);
  }

  static final String FILE_NAME = "collector.json";
  private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

  /** The same credentials with the collector's signing key pinned. */
  Credentials pinning(String key) {
    return new Credentials(collector, nodeId, nodeKey, caPem, pin, key);
  }

  @JsonIgnore
  public URI uri() {
    return Endpoint.parse(collector);
  }

  @Override
  public String toString() {
    return "Credentials[collector="
        + (collector == null ? null : Endpoint.display(collector))
        + ", nodeId="
        + nodeId
        + ", nodeKey=<redacted>]";
  }

  public static Optional<Credentials> load(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      // The node key lets anyone who reads it report as this machine: a file loosened since it was
      // written (a restore, a copy, a umask) is set back to 0600, and the change logged.
      PrivateFiles.tighten(file);
      return Optional.of(Json.mapper().readValue(file.toFile(), Credentials.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Sets aside credentials the collector retired, so the next delivery enrolls again; kept for the
   * record.
   */
  public static void retire(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Files.move(
          file,
          stateDir.resolve(FILE_NAME + ".retired"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot set aside retired collector credentials: {}", e.getClass().getSimpleName());
    }
  }

  /** Written whole under a temporary 0600 name, then moved in place. */
  public void save(Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      Path tmp;
      if (stateDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        tmp =
            Files.createTempFile(
                stateDir,
                FILE_NAME,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        tmp = Files.createTempFile(stateDir, FILE_NAME, ".tmp");
      }
      Files.write(tmp, Json.mapper().writeValueAsBytes(this));
      try {
        Files.move(
            tmp,
            stateDir.resolve(FILE_NAME),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, stateDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + stateDir.resolve(FILE_NAME), e);
    }
  }
}
