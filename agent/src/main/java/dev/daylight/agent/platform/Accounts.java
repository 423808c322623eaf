package dev.daylight.agent.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people who have a home on this machine, for an all-users scan: Linux accounts from {@code
 * /etc/passwd} (root and the uid range {@code login.defs} gives people, with a login shell), macOS
 * folders under {@code /Users}, Windows profiles under {@code C:\Users}. Only homes that exist are
 * listed. Reading is separate from parsing so tests feed the parsers literal text and folders.
 */
public final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);
  private static final Set<String> NO_LOGIN =
      Set.of("nologin", "false", "sync", "shutdown", "halt");
  private static final Set<String> MAC_NOT_PEOPLE = Set.of("shared", "guest");
  private static final Set<String> WINDOWS_NOT_PEOPLE =
      Set.of(
          "public", "default", "default user", "all users", "defaultuser0", "wdagutilityaccount");

  /** One account and the home its files are in. */
  public record Account(String name, Path home) {}

  private Accounts() {}

  /** The accounts of the machine {@code layout} runs on; a layout of a fake home has none. */
  public static List<Account> onThisMachine(Layout layout) {
    if (!layout.realMachine()) {
      return List.of();
    }
    try {
      return switch (layout.os()) {
        case LINUX -> linux(read(Path.of("/etc/passwd")), read(Path.of("/etc/login.defs")));
        case MACOS -> underFolder(Path.of("/Users"), MAC_NOT_PEOPLE);
        // Profiles sit in \Users of the system drive (ProgramData's drive); the agent's own
        // home (LocalSystem's) does not.
        case WINDOWS ->
            underFolder(
                layout.root(Root.SYSTEM_CONFIG).map(p -> p.getRoot().resolve("Users")).orElse(null),
                WINDOWS_NOT_PEOPLE);
      };
    } catch (IOException e) {
      log.warn("cannot list the accounts of this machine: {}", e.getMessage());
      return List.of();
    }
  }

  /** Accounts in {@code passwd} text that a person logs into, whose home exists. */
  static List<Account> linux(String passwd, String loginDefs) {
    long uidMin = setting(loginDefs, "UID_MIN", 1000);
    long uidMax = setting(loginDefs, "UID_MAX", 60000);
    List<Account> out = new ArrayList<>();
    for (String line : passwd.split("\\R")) {
      String[] f = line.split(":", -1);
      if (f.length < 7 || line.startsWith("#")) {
        continue;
      }
      long uid = parseLong(f[2], -1);
      boolean person = uid == 0 || uid >= uidMin && uid <= uidMax;
      String shell = f[6].substring(f[6].lastIndexOf('/') + 1);
      Path home = Path.of(f[5].isEmpty() ? "/nonexistent" : f[5]);
      if (person && !NO_LOGIN.contains(shell) && Files.isDirectory(home)) {
        out.add(new Account(f[0], home));
      }
    }
    return out;
  }

  /**
   * Every real folder directly under {@code parent} (not links, not dot-folders, not {@code skip}).
   */
  static List<Account> underFolder(Path parent, Set<String> skip) throws IOException {
    if (parent == null || !Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(parent)) {
      return homes
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return !name.startsWith(".")
                    && !name.startsWith("_")
                    && !skip.contains(name.toLowerCase(Locale.ROOT));
              })
          .sorted(Comparator.naturalOrder())
          .map(p -> new Account(p.getFileName().toString(), p))
          .toList();
    }
  }

  private static long setting(String loginDefs, String key, long fallback) {
    for (String line : loginDefs.split("\\R")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && f[0].equals(key)) {
        return parseLong(f[1], fallback);
      }
    }
    return fallback;
  }

  private static long parseLong(String s, long fallback) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String read(Path file) throws IOException {
    return Files.isReadable(file) ? Files.readString(file) : "";
  }
}
