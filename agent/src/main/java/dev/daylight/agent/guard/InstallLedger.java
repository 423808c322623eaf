package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What one install changed, kept in the state folder so {@code uninstall} can put the exact
 * bytes back: the file as it was (or that it did not exist) and the hash of what Daylight wrote.
 *
 * @param original the bytes before Daylight's first install; null when the file did not exist
 * @param exact false when the file already held a changed Daylight entry at install time: the
 *     original bytes are then unknown and uninstall removes only Daylight's entry
 * @param written sha256 of the bytes Daylight last wrote
 */
record InstallLedger(Path file, byte[] original, boolean exact, String written) {

  static Path path(Path stateDir, String client, boolean managed) {
    return Guard.dir(stateDir).resolve("installed").resolve(client + (managed ? ".managed" : ".user") + ".json");
  }

  static Optional<InstallLedger> read(Path ledger) throws IOException {
    if (!Files.isRegularFile(ledger)) {
      return Optional.empty();
    }
    JsonNode n = Json.mapper().readTree(ledger.toFile());
    byte[] original = n.hasNonNull("original") ? Base64.getDecoder().decode(n.get("original").asText()) : null;
    return Optional.of(new InstallLedger(Path.of(n.path("file").asText()), original,
        n.path("exact").asBoolean(true), n.path("written").asText()));
  }

  void write(Path ledger) throws IOException {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("file", file.toString());
    n.put("original", original == null ? null : Base64.getEncoder().encodeToString(original));
    n.put("exact", exact);
    n.put("written", written);
    Files.createDirectories(ledger.getParent());
    Files.write(ledger, Json.mapper().writeValueAsBytes(n));
    // It holds a copy of the client's settings, which may hold secrets of their own.
    if (Files.getFileStore(ledger).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(ledger, PosixFilePermissions.fromString("rw-------"));
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
