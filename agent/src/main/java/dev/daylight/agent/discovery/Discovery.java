package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.secrets.Redactor;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every MCP server the catalog's clients are configured with: locate files (catalog
 * locations, the clients' own project records, a bounded walk of the home), parse them, extract
 * each entry and redact its secrets. A file reached twice is read and reported once; a file that
 * cannot be read is one error; one bad entry never loses its siblings.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final ScanContext context;
  private final Catalog catalog;
  private final Locator locator;
  private final DocumentCache docs;
  private final ServerBuilder builder;

  private Discovery(ScanContext context, Catalog catalog) {
    this.context = context;
    this.catalog = catalog;
    this.locator = new Locator(catalog, context);
    this.docs = new DocumentCache(FileAccess.of(context.layout()));
    this.builder =
        new ServerBuilder(
            catalog.dialect(),
            Redactor.withKey(context.fingerprintKey()),
            context.osUser().orElse(null));
  }

  /** What discovery found: servers, the clients whose files held them, and unreadable files. */
  public record Result(List<McpServer> servers, List<Client> clients, List<ScanError> errors) {
    public Result {
      servers = List.copyOf(servers);
      clients = List.copyOf(clients);
      errors = List.copyOf(errors);
    }
  }

  public static Result run(ScanContext context) {
    // The walk starts first and reads the catalog on its own thread: it is the longest step and
    // needs only the catalog's markers, while setting up discovery here takes tens of ms.
    BackgroundWalk walk =
        BackgroundWalk.start(Catalog::builtIn, context.home(), context.walkDepth());
    return new Discovery(context, Catalog.builtIn()).discover(walk);
  }

  public static Result run(ScanContext context, Catalog catalog) {
    BackgroundWalk walk = BackgroundWalk.start(() -> catalog, context.home(), context.walkDepth());
    return new Discovery(context, catalog).discover(walk);
  }

  /**
   * Reads the clients' own files while the walk runs, then the project files it found. Targets are
   * read in the order they are added, so the result does not depend on which ends first.
   */
  private Result discover(BackgroundWalk walk) {
    long t0 = System.nanoTime();
    Map<String, Target> targets = new LinkedHashMap<>();
    Reading reading = new Reading(new FileReader(docs, builder));
    locator.clientFiles().forEach(t -> add(targets, t, reading));
    Set<Path> projects = new LinkedHashSet<>(locator.registeredProjects(docs));
    projects.addAll(walk.join());
    for (Path dir : projects) {
      locator.projectFiles(dir).forEach(t -> add(targets, t, reading));
    }
    ClaudeSettings claude = new ClaudeSettings(catalog, locator, docs, reading::error);
    List<McpServer> servers = new ClaudeApprovals(claude).apply(reading.servers);
    Redactor redactor = Redactor.withKey(context.fingerprintKey());
    servers = new ClaudePolicy(claude, redactor).apply(servers);
    servers = new ClientPolicies(catalog, locator, docs, reading::error, redactor).apply(servers);
    LOG.debug(
        "discovery: {} files, {} project folders, {} servers in {} ms",
        targets.size(),
        projects.size(),
        servers.size(),
        (System.nanoTime() - t0) / 1_000_000);
    return new Result(servers, clients(reading.seen), new ArrayList<>(reading.errors.values()));
  }

  /** What the targets read so far gave, in the order they were read. */
  private static final class Reading {
    final FileReader reader;
    final List<McpServer> servers = new ArrayList<>();
    final Map<String, ScanError> errors = new LinkedHashMap<>();
    final Map<String, List<Evidence>> seen = new LinkedHashMap<>();

    Reading(FileReader reader) {
      this.reader = reader;
    }

    void read(Target t) {
      FileReader.Outcome out = reader.read(t);
      servers.addAll(out.servers());
      out.errors().forEach(this::error);
      if (out.fileRead() && !(t.spec().shared() && out.servers().isEmpty())) {
        seen.computeIfAbsent(t.client().id(), k -> new ArrayList<>())
            .add(Evidence.file(t.path().toString(), null, out.servers().size() + " MCP server(s)"));
      }
    }

    void error(ScanError e) {
      errors.putIfAbsent(e.path() + "\n" + e.reason(), e);
    }
  }

  /** Reads the first target per client and file, wherever the file was reached from. */
  private static void add(Map<String, Target> targets, Target t, Reading reading) {
    if (!Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path key;
    try {
      key = t.path().toRealPath();
    } catch (IOException | SecurityException e) {
      key = t.path().toAbsolutePath().normalize(); // a link loop: read (and fail) once
    }
    // The shape too: ~/.claude.json holds Claude Code's servers and its cloud connectors' trace.
    if (targets.putIfAbsent(t.client().id() + "\n" + t.spec().shape() + "\n" + key, t) == null) {
      reading.read(t);
    }
  }

  private List<Client> clients(Map<String, List<Evidence>> seen) {
    List<Client> out = new ArrayList<>();
    seen.forEach(
        (id, evidence) -> {
          ClientSpec spec = catalog.client(id).orElseThrow();
          out.add(
              new Client(
                  id, spec.name(), spec.kind(), null, evidence, context.osUser().orElse(null)));
        });
    return out;
  }
}
