package dev.daylight.ui.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.machineview.UserViews;
import dev.daylight.agent.platform.Accounts.Account;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray on a machine with the agent service: the service's findings for this person, read-only.
 */
class MachineViewDataTest {
  @TempDir Path machine;

  private static final List<Account> ACCOUNTS = List.of(new Account("ann", Path.of("/home/ann")));

  private static Inventory inventory() throws Exception {
    return inventory("postmark", "postmark-mcp 1.0.16 is malicious");
  }

  private static Inventory inventory(String name, String title) throws Exception {
    return Json.mapper()
        .readValue(
            """
        {"schemaVersion": 1, "scanId": "s1", "startedAt": "2026-12-01T10:00:00Z", "finishedAt": "2026-12-01T10:00:02Z",
         "host": {"os": "linux"}, "clients": [], "packages": [], "errors": [],
         "servers": [{"id": "ann-pm", "client": "cursor", "scope": "user", "configPath": "/home/ann/.cursor/mcp.json",
            "line": 3, "name": %s, "transport": "stdio", "command": "npx", "args": ["-y", "postmark-mcp@1.0.16"],
            "enabled": true, "envKeys": [], "headerKeys": [], "secretFingerprints": {}, "osUser": "ann"}],
         "findings": [{"id": "f-mal", "rule": "malicious-package", "severity": "critical",
            "title": %s, "serverId": "ann-pm", "advisory": "MAL-2025-47604"}]}
        """
                .formatted(
                    Json.mapper().writeValueAsString(name),
                    Json.mapper().writeValueAsString(title)),
            Inventory.class);
  }

  @Test
  void showsTheServicesFindingsAndScanNowAsksTheService() throws Exception {
    assertThat(MachineViewData.ifPresent(Optional.of(machine), "ann"))
        .as("no view yet: per-user store")
        .isEmpty();
    try (Store store = Store.open(machine)) {
      store.record(inventory());
      UserViews.write(store, machine, ACCOUNTS);

      MachineViewData data = MachineViewData.ifPresent(Optional.of(machine), "ann").orElseThrow();
      Overview o = data.load();
      assertThat(o.servers())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.name()).isEqualTo("postmark");
                assertThat(r.status()).isEqualTo(ServerStatus.MALICIOUS);
                assertThat(r.launchLine()).isEqualTo("npx -y postmark-mcp@1.0.16");
              });
      assertThat(o.worstOpen()).contains(dev.daylight.protocol.Severity.CRITICAL);
      assertThat(o.notice()).contains("Machine agent not enrolled");
      assertThatThrownBy(() -> data.acknowledge("f-mal")).hasMessageContaining("administrator");

      // The service: it sees the request file, scans (here: stores the view again) and clears it.
      Path request = UserViews.requestFile(machine, "ann");
      CompletableFuture<Void> service =
          CompletableFuture.runAsync(
              () -> {
                try {
                  while (!Files.exists(request)) {
                    Thread.sleep(20);
                  }
                  Thread.sleep(20); // a distinct modification time
                  UserViews.write(store, machine, ACCOUNTS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      List<String> said = new java.util.ArrayList<>();
      data.scan((fraction, message) -> said.add(message));
      service.get(10, TimeUnit.SECONDS);
      assertThat(said)
          .containsExactly("Asked the machine agent to scan", "The machine agent scanned");
      assertThat(request).doesNotExist();
    }
  }

  @Test
  void theServicesConfigTextIsShownWithItsControlCharactersVisible() throws Exception {
    try (Store store = Store.open(machine)) {
      store.record(inventory("pm\n[ok] all clear", "bad\u001b[2Kpackage"));
      UserViews.write(store, machine, ACCOUNTS);
      ServerRow row =
          MachineViewData.ifPresent(Optional.of(machine), "ann")
              .orElseThrow()
              .load()
              .servers()
              .get(0);
      assertThat(row.name()).isEqualTo("pm\\n[ok] all clear");
      assertThat(row.findings().get(0).finding().title()).isEqualTo("bad\\x1b[2Kpackage");
    }
  }
}
