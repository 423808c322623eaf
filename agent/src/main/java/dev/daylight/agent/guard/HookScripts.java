package dev.daylight.agent.guard;

import dev.daylight.agent.platform.AtomicWrite;
import dev.daylight.agent.platform.Os;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the hook (a POSIX sh wrapper and its awk program) into a folder of the state directory, so
 * the clients' settings name a file that exists however Daylight itself was installed.
 */
final class HookScripts {
  static final String SCRIPT = "daylight-guard";
  static final String PROGRAM = "guard-hook.awk";

  private HookScripts() {}

  /** Writes both files into {@code bin} (0755 and 0644) and returns the script's path. */
  static Path deploy(Path bin, Os os) throws IOException {
    return deploy(bin, os, false);
  }

  /**
   * As above; {@code shared} for the machine-wide hook, which every account runs: {@code bin} and
   * its parent become 0755 whatever the umask (the packaged service's 0077 would leave them 0700,
   * and each user's client would get "Permission denied", which clients let through).
   */
  static Path deploy(Path bin, Os os, boolean shared) throws IOException {
    Files.createDirectories(bin);
    if (shared) {
      Guard.openToAll(bin.getParent());
      Guard.openToAll(bin);
    }
    String script = resource("daylight-guard.sh").replace("@OS@", os.wire());
    put(bin.resolve(SCRIPT), script, "rwxr-xr-x");
    put(bin.resolve(PROGRAM), resource(PROGRAM), "rw-r--r--");
    return bin.resolve(SCRIPT);
  }

  /**
   * The command line a client runs, quoted for the POSIX shell the clients start hooks with. A
   * user's hook names the user's state folder; a machine-wide one finds each user's state folder
   * itself and reads the agent's per-user file in {@code machineDir}.
   */
  static String command(
      Path script, String client, GuardMode fallback, Path stateDir, Path machineDir) {
    StringBuilder b =
        new StringBuilder(quote(script.toString()))
            .append(" --client ")
            .append(client)
            .append(" --mode ")
            .append(fallback.wire());
    if (stateDir != null) {
      b.append(" --state ").append(quote(stateDir.toString()));
    }
    if (machineDir != null) {
      b.append(" --machine ").append(quote(machineDir.toString()));
    }
    return b.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void put(Path file, String text, String perms) throws IOException {
    AtomicWrite.replace(file, text.getBytes(StandardCharsets.UTF_8), AtomicWrite.mode(perms));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HookScripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " missing from the agent jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
