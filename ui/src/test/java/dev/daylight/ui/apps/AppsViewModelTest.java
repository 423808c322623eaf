package dev.daylight.ui.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.apps.AppsViewModel.AppRow;
import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.session.SessionViewModel;
import org.junit.jupiter.api.Test;

class AppsViewModelTest {
  private final SessionViewModel session =
      new SessionViewModel(InMemoryData.seeded(), UiExecutor.sameThread());
  private final AppsViewModel vm = new AppsViewModel(session);

  @Test
  void listsAppsWithHowManyMcpServersEachHas() {
    session.refresh();

    assertThat(vm.visibleApps())
        .extracting(a -> a.client().name(), AppRow::mcp)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Cursor", "1 MCP server"),
            org.assertj.core.groups.Tuple.tuple("Ollama", "No MCP servers"));
  }

  @Test
  void selectedAppShowsItsEvidence() {
    session.refresh();

    vm.selectedProperty().set(vm.visibleApps().get(1));

    assertThat(vm.selectedEvidence())
        .containsExactly("port: listening on 127.0.0.1:11434", "path: /usr/local/bin/ollama");
  }

  @Test
  void searchFiltersByNameOrKind() {
    session.refresh();

    vm.searchProperty().set("runtime");

    assertThat(vm.visibleApps()).extracting(a -> a.client().id()).containsExactly("ollama");
  }
}
