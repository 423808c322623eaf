package dev.daylight.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daylight.testing.Requires;
import dev.daylight.ui.Displays;
import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.concurrent.UiExecutor;
import dev.daylight.ui.session.SessionViewModel;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.SystemTray;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWT tray icon on a real X tray (trayer under Xvfb): its menu, what each item does, and the
 * icon and tooltip following the findings. Runs in its own test JVM without AWT's headless mode
 * (the ui module's {@code tray-icon} surefire execution); skips where no display or no trayer is.
 */
class TrayIconViewTest {
  private static Process trayer;

  @BeforeAll
  static void trayHost() throws Exception {
    Requires.that(Displays.reachable(), Displays.SKIP);
    assumeTrue(
        !java.awt.GraphicsEnvironment.isHeadless(),
        "runs in the tray-icon execution (not headless)");
    try {
      trayer =
          new ProcessBuilder(
                  "trayer",
                  "--edge",
                  "top",
                  "--align",
                  "right",
                  "--widthtype",
                  "request",
                  "--SetDockType",
                  "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (java.io.IOException e) {
      throw Requires.missing(
          "trayer is not installed (apt-get install trayer): no tray host to test the icon on");
    }
    // The tray host must own the tray selection before AWT starts and looks for it.
    Thread.sleep(1500);
    Requires.that(TrayIconView.supported(), "trayer did not provide a system tray");
  }

  @AfterAll
  static void stopTrayHost() throws Exception {
    if (trayer != null) {
      trayer.destroy();
      trayer.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theMenuOpensScansPausesAndQuitsAndTheIconFollowsTheFindings() throws Exception {
    InMemoryData data = InMemoryData.seeded();
    SessionViewModel session = new SessionViewModel(data, UiExecutor.sameThread());
    TrayViewModel vm = new TrayViewModel(session, NotifiedLedger.inMemory(), n -> {});
    List<String> done = new CopyOnWriteArrayList<>();
    AtomicReference<TrayIconView> view = new AtomicReference<>();
    EventQueue.invokeAndWait(
        () -> {
          try {
            view.set(
                new TrayIconView(
                    vm, () -> done.add("open"), () -> done.add("scan"), () -> done.add("quit")));
          } catch (java.awt.AWTException e) {
            throw new IllegalStateException(e);
          }
        });
    TrayIconView icon = view.get();
    try {
      assertThat(List.of(SystemTray.getSystemTray().getTrayIcons())).contains(icon.icon());
      assertThat(icon.menuLabels())
          .containsExactly(
              "Open Daylight", "Scan now", "Pause notifications", "-", "Quit Daylight");
      assertThat(icon.icon().getToolTip()).isEqualTo("Daylight: clear, no open findings");

      EventQueue.invokeAndWait(
          () -> {
            for (String label : List.of("Open Daylight", "Scan now", "Quit Daylight")) {
              MenuItem item = icon.menuItem(label);
              item.dispatchEvent(new ActionEvent(item, ActionEvent.ACTION_PERFORMED, label));
            }
            CheckboxMenuItem pause = (CheckboxMenuItem) icon.menuItem("Pause notifications");
            pause.setState(true);
            pause.dispatchEvent(
                new ItemEvent(pause, ItemEvent.ITEM_STATE_CHANGED, pause, ItemEvent.SELECTED));
          });
      assertThat(done).containsExactly("open", "scan", "quit");
      assertThat(vm.pausedProperty().get()).isTrue();

      var clear = icon.icon().getImage();
      EventQueue.invokeAndWait(session::refresh);
      assertThat(icon.icon().getToolTip())
          .isEqualTo("Daylight: danger, 2 open findings (1 critical)");
      assertThat(icon.icon().getImage()).isNotSameAs(clear);
    } finally {
      EventQueue.invokeAndWait(icon::remove);
    }
    assertThat(List.of(SystemTray.getSystemTray().getTrayIcons())).doesNotContain(icon.icon());
  }
}
