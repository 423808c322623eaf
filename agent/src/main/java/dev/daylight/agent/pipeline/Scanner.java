package dev.daylight.agent.pipeline;

import dev.daylight.agent.discovery.Discovery;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.HostFacts;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.resolve.PackageResolver;
import dev.daylight.agent.resolve.PythonModules;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.scan.ScanStage;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a {@link ScanContext} into an {@link Inventory}: discover servers (locate, parse, extract,
 * redact), resolve their declared packages, then run the added stages in order. Add a stage with
 * {@link #then}; the scanner itself stays a short list of named steps.
 */
public final class Scanner {
  private final List<ScanStage> stages;
  private final Clock clock;

  private Scanner(List<ScanStage> stages, Clock clock) {
    this.stages = List.copyOf(stages);
    this.clock = clock;
  }

  /** Discovery and declared-package resolution only. */
  public static Scanner standard() {
    return new Scanner(List.of(), Clock.systemUTC());
  }

  /** A scanner that also runs {@code stage} after the ones it already has. */
  public Scanner then(ScanStage stage) {
    List<ScanStage> more = new ArrayList<>(stages);
    more.add(stage);
    return new Scanner(more, clock);
  }

  public Inventory scan(ScanContext context) {
    Instant started = clock.instant();
    PreparedStages prepared = PreparedStages.start(stages, context);
    Discovery.Result found = discover(context);
    List<McpServer> servers = resolveDeclaredPackages(found.servers(), context);
    Inventory inventory =
        Inventory.builder()
            .scanId(UUID.randomUUID().toString())
            .startedAt(started)
            .host(baseHost(context))
            .clients(found.clients())
            .servers(servers)
            .errors(found.errors())
            .build();
    for (ScanStage stage : prepared.join()) {
      inventory = stage.apply(inventory, context);
    }
    return finish(inventory);
  }

  private static Discovery.Result discover(ScanContext context) {
    return Discovery.run(context);
  }

  private static List<McpServer> resolveDeclaredPackages(
      List<McpServer> servers, ScanContext context) {
    PythonModules modules = pythonModules(context);
    List<McpServer> out = new ArrayList<>(servers.size());
    for (McpServer s : servers) {
      out.add(PackageResolver.attachDeclaredPackage(s, modules));
    }
    return out;
  }

  /** Where {@code python -m} modules may be installed: the home, and PATH on the real machine. */
  private static PythonModules pythonModules(ScanContext context) {
    List<Path> path = new ArrayList<>();
    String sep = context.os() == Os.WINDOWS ? ";" : ":";
    for (String dir : context.env("PATH").orElse("").split(sep)) {
      try {
        if (!dir.isBlank()) {
          path.add(Path.of(dir));
        }
      } catch (InvalidPathException e) {
        // not a folder this OS can name: nothing to look in
      }
    }
    boolean real = context.layout().realMachine();
    // Another account's home (an all-users scan): read as that account could, nothing outside.
    return context.osUser().isPresent()
        ? PythonModules.ofAccount(FileAccess.of(context.layout()), context.os(), real, path)
        : PythonModules.on(context.home(), context.os(), real, path);
  }

  /**
   * What the layout says, plus the machine's own facts when the scan is of this machine with host
   * probes on; a scan of a fake home ({@code --home}, {@code --no-host}) names no real host.
   */
  private static Host baseHost(ScanContext context) {
    String osUser = context.osUser().orElse(null);
    if (!context.hostProbes() || !context.layout().realMachine()) {
      return new Host(null, null, context.os().wire(), null, null, osUser, null);
    }
    HostFacts facts = HostFacts.current();
    return new Host(
        null,
        facts.hostname(),
        context.os().wire(),
        facts.osVersion(),
        facts.arch(),
        osUser != null ? osUser : facts.user(),
        null);
  }

  private Inventory finish(Inventory i) {
    return i.toBuilder().finishedAt(clock.instant()).build();
  }
}
