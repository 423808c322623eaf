package dev.daylight.ui.data;

import dev.daylight.agent.change.Lifecycle;
import dev.daylight.agent.guard.Guard;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Acknowledgement;
import dev.daylight.agent.store.ServerView;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Release;
import dev.daylight.protocol.ReviewState;
import dev.daylight.protocol.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tray's view of the agent: reads the agent's SQLite store through its own API, and scans with
 * the agent's scanner, storing the result like {@code daylight scan} does.
 */
public final class StoreData implements DaylightData, AutoCloseable {
  /** The rule intel raises for a known-malicious package; it trumps any review state. */
  static final String MALICIOUS_RULE = "malicious-package";

  private static final String ACK_NOTE = "acknowledged in the tray app";

  private final Store store;
  private final Function<ScanContext, Inventory> scanner;
  private final ScanContext context;

  /**
   * @param scanner the agent's scan pipeline
   * @param context what "Scan now" scans: this machine, or a fake home in a demo
   */
  public StoreData(Store store, Function<ScanContext, Inventory> scanner, ScanContext context) {
    this.store = store;
    this.scanner = scanner;
    this.context = context;
  }

  @Override
  public Overview load() {
    List<ServerView> servers = store.servers().stream().filter(ServerView::active).toList();
    Set<String> serverIds = servers.stream().map(s -> s.server().id()).collect(Collectors.toSet());
    Map<String, List<FindingItem>> byServer = new LinkedHashMap<>();
    List<FindingItem> hostFindings = new ArrayList<>();
    for (StoredFinding f : store.findings(false)) {
      if (f.status() == Lifecycle.Status.RESOLVED) {
        continue;
      }
      FindingItem item =
          new FindingItem(
              visible(f.finding()), f.status() == Lifecycle.Status.ACKNOWLEDGED, f.firstSeen());
      String serverId = f.finding().serverId();
      if (serverId != null && serverIds.contains(serverId)) {
        byServer.computeIfAbsent(serverId, k -> new ArrayList<>()).add(item);
      } else {
        hostFindings.add(item);
      }
    }
    List<ServerRow> rows =
        servers.stream()
            .map(v -> row(v, byServer.getOrDefault(v.server().id(), List.of())))
            .toList();
    return new Overview(
        rows,
        store.clients(),
        hostFindings,
        store.lastScan().map(s -> s.finishedAt() == null ? s.storedAt() : s.finishedAt()));
  }

  @Override
  public long changeMarker() {
    return store.changeCounter();
  }

  @Override
  public void acknowledge(String findingId) {
    Acknowledgement result = store.acknowledge(findingId, ACK_NOTE);
    if (result == Acknowledgement.NEEDS_FIX_OR_REVIEW) {
      throw new IllegalStateException(result.refusal());
    }
  }

  @Override
  public void scan(ScanProgress progress) {
    progress.update(-1, "Scanning " + context.home());
    Inventory inventory = scanner.apply(context);
    progress.update(0.9, "Storing " + inventory.servers().size() + " servers");
    store.record(inventory);
    Guard.refresh(store.file().getParent(), store);
    progress.update(1, "Stored");
  }

  @Override
  public void close() {
    store.close();
  }

  static ServerRow row(ServerView view, List<FindingItem> findings) {
    McpServer s = view.server();
    // Names and launch lines come from config files: shown with their control characters visible
    // (Visible), so a newline or a bidi override cannot forge a card, a report line or a message.
    // The config path stays exact: it opens the folder; where it is shown it goes through Visible.
    return new ServerRow(
        s.id(),
        Visible.of(s.client()),
        Visible.of(s.name()),
        Optional.ofNullable(s.pkg()),
        s.transport(),
        status(view, findings),
        view.firstSeen(),
        view.lastSeen(),
        s.configPath(),
        Optional.ofNullable(s.line()),
        Visible.of(launchLine(s)),
        findings,
        Optional.ofNullable(s.approval()),
        Optional.ofNullable(s.blockedBy()),
        ServerCapabilities.of(s));
  }

  /**
   * The finding with the texts a person reads made {@link Visible}; id, rule and purl unchanged.
   */
  static Finding visible(Finding f) {
    Evidence e = f.evidence();
    Evidence shown =
        e == null
            ? null
            : new Evidence(e.kind(), Visible.of(e.file()), e.line(), Visible.of(e.text()));
    return new Finding(
        f.id(),
        f.rule(),
        f.severity(),
        Visible.of(f.title()),
        f.serverId(),
        f.purl(),
        f.advisory(),
        shown,
        Visible.of(f.remediation()),
        visible(f.release()));
  }

  /** The release a finding reviews, its text made visible: versions come from package files. */
  private static Release visible(Release r) {
    return r == null
        ? null
        : new Release(
            Visible.of(r.pkg()),
            Visible.of(r.from()),
            Visible.of(r.to()),
            r.kind(),
            r.subkind(),
            Visible.of(r.value()),
            Visible.of(r.file()),
            r.line());
  }

  static ServerStatus status(ServerView view, List<FindingItem> findings) {
    if (findings.stream().anyMatch(f -> f.finding().rule().equals(MALICIOUS_RULE))) {
      return ServerStatus.MALICIOUS;
    }
    return switch (view.trust().orElse(ReviewState.UNREVIEWED)) {
      case APPROVED -> ServerStatus.APPROVED;
      case DENIED -> ServerStatus.DENIED;
      case SUSPENDED -> ServerStatus.SUSPENDED;
      case UNREVIEWED -> ServerStatus.UNREVIEWED;
    };
  }

  /** The launch line as stored: the agent redacted secret arguments and URL values already. */
  static String launchLine(McpServer s) {
    StringBuilder line = new StringBuilder();
    if (s.transport() == Transport.STDIO) {
      line.append(s.command() == null ? "" : s.command());
      s.args().forEach(a -> line.append(' ').append(a.contains(" ") ? '"' + a + '"' : a));
    } else if (s.url() != null) {
      line.append(s.url());
    } else {
      line.append(s.transport().wire());
    }
    if (!s.envKeys().isEmpty()) {
      line.append("   (env: ").append(String.join(", ", s.envKeys())).append(')');
    }
    if (!s.headerKeys().isEmpty()) {
      line.append("   (headers: ").append(String.join(", ", s.headerKeys())).append(')');
    }
    return line.toString().trim();
  }
}
