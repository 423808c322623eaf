package dev.daylight.agent.discovery;

import dev.daylight.agent.pipeline.Scanner;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A home folder in a temp dir, written file by file, scanned with the real discovery. */
final class FakeHome {
  final Path home;
  final Os os;

  FakeHome(Path home, Os os) {
    this.home = home;
    this.os = os;
  }

  Path write(String relative, String text) {
    return writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  Path writeBytes(String relative, byte[] bytes) {
    try {
      Path p = home.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Discovery.Result scan() {
    return Discovery.run(ScanContext.forHome(home, os));
  }

  /** Through the real scanner, so declared packages are attached as in a scan. */
  List<McpServer> servers(String client) {
    return Scanner.standard().scan(ScanContext.forHome(home, os)).servers().stream()
        .filter(s -> s.client().equals(client))
        .toList();
  }

  static McpServer named(List<McpServer> servers, String name) {
    return servers.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no server named " + name + " in " + servers));
  }
}
