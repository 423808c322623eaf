package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hook's record of calls, one JSON line each, appended by the hook and read here: {@code
 * {"ts","client","server","tool","project","decision":"allow|deny|audit","reason"}}. Never the
 * call's arguments or results. A line that does not parse (a torn write) is skipped.
 */
public final class Spool {
  public static final String NAME = "spool.jsonl";
  private static final int TAIL = 256 * 1024;

  public record Call(
      String ts,
      String client,
      String server,
      String tool,
      String project,
      String decision,
      String reason) {}

  private Spool() {}

  public static Path file(Path stateDir) {
    return Guard.dir(stateDir).resolve(NAME);
  }

  /**
   * The calls recorded from byte {@code offset} on (bounded to the last 256 KB), and the new end:
   * the spool of the agent's own account, opened without following a link.
   */
  public static Page from(Path stateDir, long offset) throws IOException {
    Path f = file(stateDir);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return new Page(List.of(), 0);
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return read(ch, offset);
    }
  }

  /**
   * As {@link #from(Path, long)} for another account's spool, which that account writes: read
   * through {@code access} (its home's reads), so a link to another account's spool or a FIFO in
   * its place is refused, and opened as checked.
   */
  public static Page from(Path stateDir, long offset, FileAccess access) throws IOException {
    Path f = file(stateDir);
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return new Page(List.of(), 0);
    }
    FileAccess.Check check = access.check(f);
    if (check instanceof FileAccess.Refused r) {
      throw new IOException("spool not read: " + r.reason());
    }
    try (FileChannel ch = FileAccess.open((FileAccess.Allowed) check)) {
      return read(ch, offset);
    }
  }

  private static Page read(FileChannel ch, long offset) throws IOException {
    long end = ch.size();
    long start = offset > end ? 0 : Math.max(offset, end - TAIL);
    ByteBuffer buf = ByteBuffer.allocate((int) (end - start));
    while (buf.hasRemaining()) {
      if (ch.read(buf, start + buf.position()) < 0) {
        break; // shrank while read: what was there is read
      }
    }
    byte[] bytes = buf.array();
    // The end is counted in bytes, not re-encoded text: a character the tail cut in half, or a
    // byte that is not UTF-8, decodes to U+FFFD (three bytes) and would move the next offset.
    int complete = buf.position();
    while (complete > 0 && bytes[complete - 1] != '\n') {
      complete--;
    }
    List<Call> calls = new ArrayList<>();
    for (String line : new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n")) {
      parse(line, calls);
    }
    // A line still being written stays for the next read.
    return new Page(calls, start + complete);
  }

  /** Calls read and the offset to read from next time. */
  public record Page(List<Call> calls, long end) {}

  /** The last call recorded for each client. */
  public static Map<String, Call> lastByClient(Path stateDir) throws IOException {
    Map<String, Call> last = new LinkedHashMap<>();
    for (Call c : from(stateDir, 0).calls()) {
      last.put(c.client(), c);
    }
    return last;
  }

  private static void parse(String line, List<Call> into) {
    if (line.isBlank()) {
      return;
    }
    try {
      JsonNode n = Json.mapper().readTree(line);
      into.add(
          new Call(
              n.path("ts").asText(),
              n.path("client").asText(),
              n.path("server").asText(),
              n.path("tool").asText(),
              n.path("project").asText(),
              n.path("decision").asText(),
              n.path("reason").asText()));
    } catch (IOException e) {
      // torn or foreign line: skipped
    }
  }
}
