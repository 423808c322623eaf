package dev.daylight.agent.guard;

import dev.daylight.agent.platform.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The file the hook reads: tab-separated lines, so a few lines of POSIX awk can read it within the
 * hook's budget. Written whole to a temporary file and moved into place, so the hook sees the old
 * file or the new one, never half of one.
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
      for (String field :
          List.of(
              d.client(),
              d.hookName(),
              d.launch(),
              d.url(),
              d.verdict().token(),
              d.subject(),
              d.reason())) {
        b.append('\t').append(clean(field));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Writes atomically, owner-only (0600): the agent's own file, which only its account reads. */
  static void write(Path file, String text) throws IOException {
    write(file, text, AtomicWrite.Step.NONE);
  }

  /**
   * Writes atomically; {@code before} is done to the temporary file (still 0600) before it takes
   * the file's place, so the file is never readable by anyone it was not meant for.
   */
  static void write(Path file, String text, AtomicWrite.Step before) throws IOException {
    AtomicWrite.replace(
        file,
        text.getBytes(StandardCharsets.UTF_8),
        tmp -> {
          AtomicWrite.mode("rw-------").apply(tmp);
          before.apply(tmp);
        });
  }

  /** A field never holds the separators; the hook would split it otherwise. */
  private static String clean(String field) {
    return field == null ? "" : field.replaceAll("[\\t\\r\\n]", " ");
  }
}
