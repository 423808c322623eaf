package dev.daylight.agent.managed;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Root;
import dev.daylight.agent.report.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each OS keeps the managed configuration, and how the files are merged. */
final class ConfigFiles {
  private static final Logger log = LoggerFactory.getLogger(ConfigFiles.class);
  static final String MAC_DOMAIN = "dev.daylight.agent";

  private ConfigFiles() {}

  /** Candidate files, most authoritative first; empty for a fake home. */
  static List<Path> locations(Layout layout, Map<String, String> environment) {
    String override = environment.get(ManagedConfig.OVERRIDE_ENV);
    if (override != null && !override.isBlank()) {
      return List.of(Path.of(override));
    }
    Optional<Path> system = layout.root(Root.SYSTEM_CONFIG);
    if (system.isEmpty()) {
      return List.of();
    }
    Path sys = system.get();
    return switch (layout.os()) {
      case LINUX -> List.of(sys.resolve("daylight/agent.conf"));
      // MDM profiles land in /Library/Managed Preferences; a file beside them suits scripted
      // installs.
      case MACOS ->
          List.of(
              sys.getParent().resolve("Managed Preferences").resolve(MAC_DOMAIN + ".plist"),
              sys.resolve("Daylight/agent.conf"));
      case WINDOWS -> List.of(sys.resolve("Daylight").resolve("agent.conf"));
    };
  }

  static ManagedConfig read(List<Path> files) {
    URI collector = null;
    String secret = null;
    Path caFile = null;
    String pin = null;
    List<Path> used = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Map<String, String> values;
      try {
        values =
            file.toString().endsWith(".plist")
                ? PlistFormat.parse(file)
                : KeyValueFormat.parse(Files.readString(file));
      } catch (IOException | RuntimeException e) {
        log.warn("ignoring managed configuration {}: {}", file, e.getMessage());
        continue;
      }
      used.add(file);
      if (collector == null) {
        collector = collectorOf(values, file);
      }
      String ca = first(values, "ca_file", "cafile");
      if (caFile == null && ca != null) {
        caFile = Path.of(ca);
      }
      String p = first(values, "pin", "collector_pin", "collectorpin");
      if (pin == null && p != null) {
        pin = p.trim();
      }
      String s = first(values, "enroll_secret", "enrollsecret");
      if (secret == null && s != null) {
        secret = s;
        warnIfOthersCanRead(file);
      }
    }
    return used.isEmpty()
        ? ManagedConfig.none()
        : new ManagedConfig(collector, secret, caFile, pin, used);
  }

  private static URI collectorOf(Map<String, String> values, Path file) {
    String url = first(values, "collector", "collector_url", "collectorurl");
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(url, "needs a scheme and a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      // The reason only: the address itself may carry a password.
      log.warn(
          "ignoring collector address {} in {}: {}", Endpoint.display(url), file, e.getReason());
      return null;
    }
  }

  /**
   * Keys are matched case-insensitively: {@code EnrollSecret} in a plist, {@code enroll_secret} in
   * a file.
   */
  private static String first(Map<String, String> values, String... keys) {
    for (String key : keys) {
      String v = values.get(key);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** The installers make the secret root's only; say so when someone loosened that. */
  static boolean othersCanRead(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      return perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException e) {
      return false;
    }
  }

  private static void warnIfOthersCanRead(Path file) {
    if (othersCanRead(file) && !file.toString().endsWith(".plist")) {
      log.warn(
          "{} holds the enrollment secret but is readable by other users; chmod 0600 it", file);
    }
  }
}
