package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.platform.AtomicWrite;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What one install changed, kept in the state folder so {@code uninstall} can take exactly that out
 * again: where Daylight's text went into the file and hashes of the file before and after. Never a
 * copy of the file: a client's settings may hold secrets (tokens in {@code env}).
 *
 * @param existed whether the file existed before Daylight's first install
 * @param original sha256 of the file before Daylight's first install; null when it did not exist or
 *     is unknown (then {@code exact} is false)
 * @param exact false when the original bytes are unknown (the file already held a Daylight entry at
 *     install, or changed since): uninstall then removes only Daylight's entry
 * @param pieces the text Daylight inserted, at offsets of the file as Daylight wrote it
 * @param written sha256 of the bytes Daylight last wrote
 */
record InstallLedger(
    Path file,
    boolean existed,
    String original,
    boolean exact,
    List<SettingsSplice.Piece> pieces,
    String written) {

  /** A ledger of the first format, which held the original bytes; only read to migrate it. */
  record Legacy(Path file, byte[] original, boolean exact, String written) {}

  static Path path(Path stateDir, String client, boolean managed) {
    return dir(stateDir).resolve(client + (managed ? ".managed" : ".user") + ".json");
  }

  static Path dir(Path stateDir) {
    return Guard.dir(stateDir).resolve("installed");
  }

  static Optional<InstallLedger> read(Path ledger) throws IOException {
    if (!Files.isRegularFile(ledger)) {
      return Optional.empty();
    }
    JsonNode n = Json.mapper().readTree(ledger.toFile());
    if (n.has("original") && !n.has("pieces")) {
      return Optional.empty(); // a legacy ledger: migrate() turns it into this format first
    }
    List<SettingsSplice.Piece> pieces = new ArrayList<>();
    for (JsonNode p : n.path("pieces")) {
      pieces.add(new SettingsSplice.Piece(p.path("at").asInt(), p.path("text").asText()));
    }
    return Optional.of(
        new InstallLedger(
            Path.of(n.path("file").asText()),
            n.path("existed").asBoolean(),
            n.hasNonNull("originalSha256") ? n.get("originalSha256").asText() : null,
            n.path("exact").asBoolean(false),
            List.copyOf(pieces),
            n.path("written").asText()));
  }

  /** The ledger of the first format at {@code ledger}, if that is what it holds. */
  static Optional<Legacy> legacy(Path ledger) throws IOException {
    if (!Files.isRegularFile(ledger)) {
      return Optional.empty();
    }
    JsonNode n = Json.mapper().readTree(ledger.toFile());
    if (!n.has("original") || n.has("pieces")) {
      return Optional.empty();
    }
    byte[] original =
        n.hasNonNull("original") ? Base64.getDecoder().decode(n.get("original").asText()) : null;
    return Optional.of(
        new Legacy(
            Path.of(n.path("file").asText()),
            original,
            n.path("exact").asBoolean(true),
            n.path("written").asText()));
  }

  /**
   * Replaces the ledger in one step, so an old copy is gone the moment the new record is in place.
   */
  void write(Path ledger) throws IOException {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("file", file.toString());
    n.put("existed", existed);
    n.put("originalSha256", original);
    n.put("exact", exact);
    ArrayNode ps = n.putArray("pieces");
    for (SettingsSplice.Piece p : pieces) {
      ps.addObject().put("at", p.at()).put("text", p.text());
    }
    n.put("written", written);
    AtomicWrite.replace(ledger, Json.mapper().writeValueAsBytes(n), AtomicWrite.mode("rw-------"));
  }
}
