package dev.daylight.ui.data;

import dev.daylight.agent.machineview.UserView;
import dev.daylight.agent.machineview.UserViews;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.McpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tray on a machine where the agent runs as a service: what the service found for this person,
 * read from the view it writes for them ({@link UserViews}), so the tray shows the machine's one
 * history (and the fleet's decisions) instead of keeping a second one. Read-only: acknowledging is
 * for an administrator, and "Scan now" asks the service and waits for its new view.
 */
public final class MachineViewData implements DaylightData {
  static final Duration SCAN_WAIT = Duration.ofMinutes(10);
  private final Path view;
  private final Path request;

  public MachineViewData(Path machineStateDir, String user) {
    this.view = UserViews.viewFile(machineStateDir, user);
    this.request = UserViews.requestFile(machineStateDir, user);
  }

  /** The machine view of {@code user}, when the service wrote one this process can read. */
  public static Optional<MachineViewData> ifPresent(Optional<Path> machineStateDir, String user) {
    return machineStateDir
        .map(d -> new MachineViewData(d, user))
        .filter(m -> Files.isReadable(m.view));
  }

  @Override
  public Overview load() {
    UserView v =
        UserViews.read(view)
            .orElseThrow(
                () ->
                    new UncheckedIOException(
                        new IOException("the machine agent's view " + view + " cannot be read")));
    List<ServerRow> rows = v.servers().stream().map(MachineViewData::row).toList();
    List<FindingItem> host = v.hostFindings().stream().map(MachineViewData::item).toList();
    Optional<String> notice =
        v.collector() != null && v.collector().startsWith("not enrolled")
            ? Optional.of("Machine agent " + v.collector())
            : Optional.empty();
    return new Overview(rows, v.clients(), host, Optional.ofNullable(v.lastScan()), notice);
  }

  @Override
  public long changeMarker() {
    try {
      return Files.getLastModifiedTime(view).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void acknowledge(String findingId) {
    throw new UnsupportedOperationException(
        "these are the machine agent's findings: an administrator "
            + "acknowledges or reviews them (sudo daylight findings / daylight review)");
  }

  /** Asks the service for a scan (a file it watches) and waits until it has written a new view. */
  @Override
  public void scan(ScanProgress progress) {
    long before = changeMarker();
    try {
      Files.writeString(request, "");
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot ask the machine agent for a scan: " + e.getMessage(), e));
    }
    progress.update(-1, "Asked the machine agent to scan");
    long deadline = System.nanoTime() + SCAN_WAIT.toNanos();
    while (changeMarker() == before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the machine agent did not scan within "
                + SCAN_WAIT.toMinutes()
                + " minutes: is it running?");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    progress.update(1, "The machine agent scanned");
  }

  private static ServerRow row(UserView.Server s) {
    McpServer m = s.server();
    List<FindingItem> findings = s.findings().stream().map(MachineViewData::item).toList();
    ServerStatus status =
        findings.stream().anyMatch(f -> f.finding().rule().equals(StoreData.MALICIOUS_RULE))
            ? ServerStatus.MALICIOUS
            : trust(s.trust());
    // As in StoreData.row: config text shown with its control characters visible.
    return new ServerRow(
        m.id(),
        Visible.of(m.client()),
        Visible.of(m.name()),
        Optional.ofNullable(m.pkg()),
        m.transport(),
        status,
        s.firstSeen(),
        s.lastSeen(),
        m.configPath(),
        Optional.ofNullable(m.line()),
        Visible.of(StoreData.launchLine(m)),
        findings,
        Optional.ofNullable(m.approval()),
        Optional.ofNullable(m.blockedBy()),
        ServerCapabilities.of(m));
  }

  /** A trust state this tray does not know (a newer machine agent wrote it) shows as unreviewed. */
  private static ServerStatus trust(String state) {
    try {
      return state == null ? ServerStatus.UNREVIEWED : ServerStatus.valueOf(state);
    } catch (IllegalArgumentException e) {
      return ServerStatus.UNREVIEWED;
    }
  }

  private static FindingItem item(UserView.Item i) {
    return new FindingItem(StoreData.visible(i.finding()), i.acknowledged(), i.openedAt());
  }
}
