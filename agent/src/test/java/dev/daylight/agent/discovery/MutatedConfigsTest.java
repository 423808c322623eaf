package dev.daylight.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.installed.InstalledStage;
import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated configs at real client paths, scanned one home at a time: no scan may throw (a crash),
 * outlive {@link #HANG} (a hang), or lose the valid server beside the broken files. The count is
 * small in the normal build; the reliability run sets {@code -Ddaylight.reliability.mutations=N}
 * (docs/RELIABILITY.md) and prints the figures.
 */
class MutatedConfigsTest {
  private static final int MUTATIONS = Integer.getInteger("daylight.reliability.mutations", 60);
  private static final long HANG = 30;
  private static final String VALID =
      "{\"mcpServers\":{\"keep\":{\"command\":\"npx\",\"args\":[\"-y\",\"keep-mcp@1.0.0\"]}}}";

  /** Seeds: one well-formed file per parser, at the path its client reads. */
  private static final List<String[]> SEEDS =
      List.of(
          new String[] {
            ".cursor/mcp.json",
            "{\"mcpServers\":{\"gh\":{\"command\":\"npx\",\"args\":[\"-y\","
                + "\"@modelcontextprotocol/server-github@1.2.3\",\"--token\",\"ghp_abc\"],\"env\":{\"T\":\"x\"}},"
                + "\"r\":{\"url\":\"https://u:p@h.example/mcp?key=v\",\"headers\":{\"A\":\"b\"}}}}"
          },
          new String[] {
            ".config/Code/User/settings.json",
            "// c\n{\"mcp\":{\"servers\":{\"a\":{\"type\":\"stdio\","
                + "\"command\":\"uvx\",\"args\":[\"a-mcp\"],},},},}"
          },
          new String[] {
            ".continue/config.yaml",
            "name: x\nmcpServers:\n  - name: y\n    command: npx\n    args: [\"-y\", \"y@1\"]\n"
          },
          new String[] {
            ".codex/config.toml",
            "[mcp_servers.z]\ncommand = \"npx\"\nargs = [\"-y\", \"z@2\"]\n"
                + "[mcp_servers.z.env]\nK = \"v\"\n"
          },
          new String[] {
            ".config/JetBrains/IntelliJIdea2025.1/options/llm.mcpServers.xml",
            "<application><component name=\"McpApplicationServerCommands\"><commands><McpServerCommand>"
                + "<option name=\"name\" value=\"j\"/><option name=\"programPath\" value=\"npx\"/>"
                + "<option name=\"arguments\" value=\"-y j@1\"/></McpServerCommand></commands></component></application>"
          },
          new String[] {".npm/_npx/m1/package.json", "{\"dependencies\":{\"gh\":\"1.0.0\"}}"},
          new String[] {
            ".npm/_npx/m1/node_modules/gh/package.json", "{\"name\":\"gh\",\"version\":\"1.0.0\"}"
          },
          new String[] {".npmrc", "cache=~/.npm\n"});

  @TempDir Path tmp;

  @Test
  void noMutationCrashesHangsOrLosesTheValidServer() throws Exception {
    Random random = new Random(Long.getLong("daylight.reliability.seed", 5318));
    int crashes = 0;
    int hangs = 0;
    int lost = 0;
    List<String> failures = new ArrayList<>();
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mutated-scan");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int i = 0; i < MUTATIONS; i++) {
        Path home = Files.createDirectories(tmp.resolve("h" + i));
        write(home, ".lmstudio/mcp.json", VALID.getBytes(StandardCharsets.UTF_8));
        String[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        String how = mutate(home, seed[0], seed[1].getBytes(StandardCharsets.UTF_8), random);
        Future<Inventory> scan =
            pool.submit(
                () ->
                    Scanner.standard()
                        .then(new InstalledStage())
                        .scan(ScanContext.forHome(home, Os.LINUX)));
        try {
          Inventory inv = scan.get(HANG, TimeUnit.SECONDS);
          if (inv.servers().stream().map(McpServer::name).noneMatch("keep"::equals)) {
            lost++;
            failures.add("lost the valid server: " + seed[0] + " " + how);
          }
        } catch (TimeoutException e) {
          hangs++;
          scan.cancel(true);
          failures.add("hang: " + seed[0] + " " + how);
        } catch (java.util.concurrent.ExecutionException e) {
          crashes++;
          failures.add("crash (" + e.getCause() + "): " + seed[0] + " " + how);
        }
        deleteQuietly(home);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "mutated configs: %d scans, %d crashes, %d hangs, %d valid servers lost%n",
        MUTATIONS, crashes, hangs, lost);
    assertThat(failures).isEmpty();
  }

  /** One hostile change: byte damage, truncation, deep nesting, a huge value, or a special file. */
  private static String mutate(Path home, String rel, byte[] seed, Random r) throws Exception {
    Path p = home.resolve(rel);
    Files.createDirectories(p.getParent());
    int kind = r.nextInt(12);
    byte[] b = seed.clone();
    switch (kind) {
      case 0 -> { // flip bytes
        for (int k = 0; k < 1 + r.nextInt(8); k++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // truncate
      case 2 -> b = insert(b, r, ("[".repeat(2_000 + r.nextInt(20_000))));
      case 3 -> b = insert(b, r, "{\"a\":".repeat(2_000 + r.nextInt(5_000)));
      case 4 -> b = insert(b, r, "<a>".repeat(5_000));
      case 5 -> b = insert(b, r, "\"" + "x".repeat(1_000_000 + r.nextInt(1_000_000)) + "\"");
      case 6 -> b = insert(b, r, "\u0000\u001b[2J\r\n\u2028\uFEFF");
      case 7 -> b = insert(b, r, "*a &a [*a, *a, *a, *a] !!java.lang.Runtime ${jndi:x} ");
      case 8 -> { // a FIFO instead of the file
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        if (mk.waitFor() == 0) {
          return "fifo";
        }
      }
      case 9 -> {
        Files.createSymbolicLink(p, Path.of(r.nextBoolean() ? "/dev/zero" : "/dev/urandom"));
        return "link to a device";
      }
      case 10 -> {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
          f.setLength(1L << (25 + r.nextInt(8))); // sparse, 32 MB to 4 GB
        }
        return "sparse";
      }
      default -> { // duplicate the document many times
        byte[] out = new byte[b.length * 50];
        for (int k = 0; k < 50; k++) {
          System.arraycopy(b, 0, out, k * b.length, b.length);
        }
        b = out;
      }
    }
    Files.write(p, b);
    return "mutation " + kind;
  }

  private static byte[] insert(byte[] b, Random r, String text) {
    byte[] add = text.getBytes(StandardCharsets.UTF_8);
    int at = b.length == 0 ? 0 : r.nextInt(b.length);
    byte[] out = new byte[b.length + add.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(add, 0, out, at, add.length);
    System.arraycopy(b, at, out, at + add.length, b.length - at);
    return out;
  }

  private static void write(Path home, String rel, byte[] bytes) throws IOException {
    Path p = home.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private static void deleteQuietly(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir JUnit removes anyway
    }
  }
}
