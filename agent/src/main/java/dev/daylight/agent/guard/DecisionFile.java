package dev.daylight.agent.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

/**
 * The file the hook reads: tab-separated lines, so a few lines of POSIX awk can read it within
 * the hook's budget. Written whole to a temporary file and moved into place, so the hook sees
 * the old file or the new one, never half of one.
 *
 * <pre>
 * daylight-guard  1
 * mode            enforce
 * written         2026-12-04T14:00:00Z
 * S  client  hookName  launch  url  verdict  subject  reason
 * </pre>
 */
final class DecisionFile {
  static final String NAME = "decisions.tsv";

  private DecisionFile() {}

  static String format(GuardMode mode, Instant written, List<Decision> decisions) {
    StringBuilder b = new StringBuilder();
    b.append("daylight-guard\t1\n");
    b.append("mode\t").append(mode.wire()).append('\n');
    b.append("written\t").append(written).append('\n');
    for (Decision d : decisions) {
      b.append('S');
      for (String field : List.of(d.client(), d.hookName(), d.launch(), d.url(), d.verdict().token(),
          d.subject(), d.reason())) {
        b.append('\t').append(clean(field));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Writes atomically; {@code worldReadable} for the machine files that each user's hook reads. */
  static void write(Path file, String text, boolean worldReadable) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".decisions", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      if (worldReadable && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A field never holds the separators; the hook would split it otherwise. */
  private static String clean(String field) {
    return field == null ? "" : field.replaceAll("[\\t\\r\\n]", " ");
  }
}
