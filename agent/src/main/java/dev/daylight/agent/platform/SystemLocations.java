package dev.daylight.agent.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * Machine-wide folders a user's config may link into and a scan may still read: where package
 * managers install globally and where Nix's home-manager keeps the files it links into homes. Only
 * ever real-machine paths; nothing a user can write without root.
 */
final class SystemLocations {
  private SystemLocations() {}

  static List<Path> of(Os os) {
    return switch (os) {
      case LINUX ->
          List.of(
              Path.of("/usr/lib"),
              Path.of("/usr/local/lib"),
              Path.of("/usr/share"),
              Path.of("/opt"),
              Path.of("/nix/store"));
      case MACOS ->
          List.of(
              Path.of("/Library/Application Support"),
              Path.of("/usr/local/lib"),
              Path.of("/opt/homebrew"),
              Path.of("/Applications"),
              Path.of("/nix/store"));
      case WINDOWS -> List.of();
    };
  }
}
