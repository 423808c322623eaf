package dev.daylight.agent.usage;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The ledger's benchmark (run by bench/bench-usage): generates Claude Code transcripts of the given
 * total size in a fake home (mixed text, built-in and MCP tool calls, large tool results,
 * failures), then times a first pass into an empty store and passes with nothing new; then the same
 * over a second home holding a Goose {@code sessions.db} and an opencode {@code opencode.db} of
 * DB_MEGABYTES each (0: none). Usage: UsageBench WORKDIR MEGABYTES RUNS [DB_MEGABYTES]
 */
public final class UsageBench {
  private static final int FILES = 200;

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    long megabytes = Long.parseLong(args[1]);
    int runs = Integer.parseInt(args[2]);
    long dbMegabytes = args.length > 3 ? Long.parseLong(args[3]) : 0;
    Path home = work.resolve("home-" + megabytes + "mb");
    long bytes = generate(home, megabytes << 20);
    Map<String, Set<String>> known = Map.of("claude-code", Set.of("github", "postmark", "slack"));
    measure(work, "transcripts", ScanContext.forHome(home, Os.LINUX), known, bytes, runs);
    if (dbMegabytes > 0) {
      Path dbHome = work.resolve("home-db-" + dbMegabytes + "mb");
      long dbBytes = BenchDbs.generate(dbHome, dbMegabytes << 20);
      measure(work, "databases", ScanContext.forHome(dbHome, Os.LINUX), Map.of(), dbBytes, runs);
    }
  }

  private static void measure(
      Path work,
      String what,
      ScanContext context,
      Map<String, Set<String>> known,
      long bytes,
      int runs)
      throws IOException {
    for (int run = 1; run <= runs; run++) {
      Path state = work.resolve("state-" + what + "-" + run);
      deleteTree(state);
      try (Store store = Store.open(state)) {
        long t0 = System.nanoTime();
        Ledger.Pass first = Ledger.bundled().update(context, store, known, state);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        long[] idle = new long[15];
        for (int i = 0; i < idle.length; i++) {
          long t1 = System.nanoTime();
          Ledger.Pass again = Ledger.bundled().update(context, store, known, state);
          idle[i] = (System.nanoTime() - t1) / 1_000;
          if (again.bytesRead() != 0) {
            throw new IllegalStateException("an idle pass read " + again.bytesRead() + " bytes");
          }
        }
        Arrays.sort(idle);
        long calls = store.usageSince(Instant.EPOCH).stream().mapToLong(b -> b.calls()).sum();
        System.out.printf(
            "%s run %d: first pass %d ms over %d MB in %d files (%d calls found, %d stored,"
                + " %d skipped); idle pass median %.1f ms, best %.1f ms; max heap %d MB%n",
            what,
            run,
            firstMs,
            bytes >> 20,
            first.files(),
            first.calls(),
            calls,
            first.skipped(),
            idle[idle.length / 2] / 1000.0,
            idle[0] / 1000.0,
            Runtime.getRuntime().maxMemory() >> 20);
      }
    }
  }

  private static long generate(Path home, long total) throws IOException {
    Path projects = home.resolve(".claude/projects");
    if (Files.isDirectory(projects)) {
      try (var s = Files.walk(projects)) {
        return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
    }
    Random rnd = new Random(42);
    String filler = "lorem ipsum dolor sit amet ".repeat(400);
    long perFile = total / FILES;
    long written = 0;
    long t = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    String[] tools = {
      "mcp__github__create_issue",
      "mcp__github__list_issues",
      "mcp__postmark__send-email",
      "mcp__slack__post_message",
      "Bash",
      "Read",
      "Edit"
    };
    for (int f = 0; f < FILES; f++) {
      String cwd = "/home/ann/src/project-" + (f % 12);
      Path file =
          projects.resolve("-home-ann-src-project-" + (f % 12)).resolve("session-" + f + ".jsonl");
      Files.createDirectories(file.getParent());
      long size = 0;
      int n = 0;
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        while (size < perFile) {
          t += 1000 + rnd.nextInt(20_000);
          String ts = Instant.ofEpochMilli(t).toString();
          String id = "toolu_" + f + "_" + n++;
          String tool = tools[rnd.nextInt(tools.length)];
          String text = filler.substring(0, 200 + rnd.nextInt(3000));
          String lines =
              "{\"parentUuid\":null,\"cwd\":\""
                  + cwd
                  + "\",\"sessionId\":\"s"
                  + f
                  + "\",\"type\":\"user\","
                  + "\"message\":{\"role\":\"user\",\"content\":\""
                  + text
                  + "\"},\"uuid\":\"u"
                  + n
                  + "\",\"timestamp\":\""
                  + ts
                  + "\"}\n"
                  + "{\"parentUuid\":\"u"
                  + n
                  + "\",\"cwd\":\""
                  + cwd
                  + "\",\"sessionId\":\"s"
                  + f
                  + "\",\"message\":{\"model\":\"claude-opus-4-6\","
                  + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                  + text.substring(0, 100)
                  + "\"},"
                  + "{\"type\":\"tool_use\",\"id\":\""
                  + id
                  + "\",\"name\":\""
                  + tool
                  + "\",\"input\":{\"body\":\""
                  + filler.substring(0, 100 + rnd.nextInt(1500))
                  + "\"}}]},\"type\":\"assistant\",\"uuid\":\"a"
                  + n
                  + "\",\"timestamp\":\""
                  + ts
                  + "\"}\n"
                  + "{\"parentUuid\":\"a"
                  + n
                  + "\",\"cwd\":\""
                  + cwd
                  + "\",\"sessionId\":\"s"
                  + f
                  + "\",\"type\":\"user\","
                  + "\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\""
                  + id
                  + "\",\"type\":\"tool_result\","
                  + "\"content\":\""
                  + filler.substring(0, 500 + rnd.nextInt(8000))
                  + "\""
                  + (rnd.nextInt(20) == 0 ? ",\"is_error\":true" : "")
                  + "}]},\"uuid\":\"r"
                  + n
                  + "\",\"timestamp\":\""
                  + ts
                  + "\"}\n";
          w.write(lines);
          size += lines.length();
        }
      }
      written += size;
    }
    return written;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
