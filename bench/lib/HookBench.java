import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times a hook command the way a client runs it: spawn `sh -c COMMAND`, write the hook JSON on
 * its stdin, read its answer to the end, wait for the exit. Prints p50, p90, p99 and max in ms.
 * Usage: java HookBench.java LABEL CALLS STDIN_FILE COMMAND
 */
public class HookBench {
  public static void main(String[] a) throws Exception {
    String label = a[0];
    int calls = Integer.parseInt(a[1]);
    byte[] stdin = Files.readAllBytes(Path.of(a[2]));
    String command = a[3];
    for (int i = 0; i < 20; i++) {
      once(command, stdin); // warm the page cache and the JIT of this harness
    }
    long[] ns = new long[calls];
    for (int i = 0; i < calls; i++) {
      ns[i] = once(command, stdin);
    }
    Arrays.sort(ns);
    System.out.printf("%-28s calls %d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", label, calls,
        ms(ns, 0.50), ms(ns, 0.90), ms(ns, 0.99), ns[calls - 1] / 1e6);
  }

  static long once(String command, byte[] stdin) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    p.getInputStream().readAllBytes();
    p.waitFor();
    return System.nanoTime() - t0;
  }

  static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
