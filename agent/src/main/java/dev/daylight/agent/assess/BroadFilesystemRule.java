package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code broad-filesystem}: a filesystem server (from {@code filesystem-servers.txt}) given {@code
 * /} or a drive root (high) or the whole home folder (medium) as an allowed folder.
 */
final class BroadFilesystemRule implements Rule {
  static final String ID = "broad-filesystem";
  private static final Pattern DRIVE_ROOT = Pattern.compile("^[A-Za-z]:[\\\\/]?$");
  private static final Pattern ANY_HOME =
      Pattern.compile(
          "^(/home/[^/]+|/Users/[^/]+|[A-Za-z]:[\\\\/]Users[\\\\/][^\\\\/]+|/root)[\\\\/]?$");
  private static final List<String> HOME_WORDS =
      List.of(
          "~",
          "~/",
          "$HOME",
          "${HOME}",
          "%USERPROFILE%",
          "${env:HOME}",
          "${env:USERPROFILE}",
          "${userHome}");
  private final List<String> servers = Resources.lines("filesystem-servers.txt");

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      if (!isFilesystemServer(s.pkg())) {
        continue;
      }
      for (String arg : s.args()) {
        classify(arg, context.home())
            .ifPresent(
                root ->
                    out.about(ID, s, arg)
                        .severity(
                            root.startsWith("the whole disk") ? Severity.HIGH : Severity.MEDIUM)
                        .var("root", root)
                        .evidenceText(LaunchLine.of(s))
                        .emit());
      }
    }
  }

  private boolean isFilesystemServer(PackageRef p) {
    return p != null && servers.contains(p.ecosystem() + " " + p.name());
  }

  static Optional<String> classify(String arg, Path home) {
    String a = arg.trim();
    if (a.equals("/") || a.equals("/.") || DRIVE_ROOT.matcher(a).matches()) {
      return Optional.of("the whole disk (" + a + ")");
    }
    String h = home == null ? null : home.toString().replaceAll("[\\\\/]+$", "");
    String stripped = a.replaceAll("(?<=.)[\\\\/]+$", "");
    if (HOME_WORDS.contains(a) || stripped.equals(h) || ANY_HOME.matcher(a).matches()) {
      return Optional.of("the whole home folder (" + a + ")");
    }
    return Optional.empty();
  }
}
