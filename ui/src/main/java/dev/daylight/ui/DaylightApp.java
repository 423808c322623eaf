package dev.daylight.ui;

import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.concurrent.FxExecutor;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.main.MainWindow;
import dev.daylight.ui.main.OneTimeNotice;
import dev.daylight.ui.session.SessionViewModel;
import dev.daylight.ui.session.SystemDesktop;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.tray.GuardBlockNotices;
import dev.daylight.ui.tray.Notification;
import dev.daylight.ui.tray.NotifiedLedger;
import dev.daylight.ui.tray.TrayIconView;
import dev.daylight.ui.tray.TrayIcons;
import dev.daylight.ui.tray.TrayLevel;
import dev.daylight.ui.tray.TrayViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the tray app: one session over the agent's store, the window, and the tray icon when the
 * desktop has a tray. Started by {@link Launcher}, which decides where the data comes from.
 */
public final class DaylightApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DaylightApp.class);
  private static final Duration POLL = Duration.seconds(2);

  /** What the launcher hands over: the data source, where the tray keeps its own small files. */
  record Setup(DaylightData data, Path trayStateDir, boolean showAtStart, boolean scanAtStart) {}

  private static final AtomicReference<Setup> SETUP = new AtomicReference<>();

  private final FxExecutor executor = new FxExecutor();
  private Timeline poll;
  private GuardBlockNotices blocks;
  private TrayIconView tray;

  static void launch(Setup setup, String... args) {
    SETUP.set(Objects.requireNonNull(setup));
    Application.launch(DaylightApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    Setup setup = Objects.requireNonNull(SETUP.get(), "started without a data source");
    // The window closing must not end the app while the tray icon is its face.
    Platform.setImplicitExit(false);
    SessionViewModel session = new SessionViewModel(setup.data(), executor);
    ServersViewModel servers =
        new ServersViewModel(session, new SystemDesktop(), executor, Clock.systemUTC());
    MainWindow window = new MainWindow(stage, session, servers, new AppsViewModel(session));

    if (TrayIconView.supported()) {
      AtomicReference<TrayIconView> view = new AtomicReference<>();
      NotifiedLedger ledger = NotifiedLedger.at(setup.trayStateDir().resolve("notified-findings.txt"));
      Consumer<Notification> notifier = n -> Optional.ofNullable(view.get()).ifPresent(v -> v.notify(n));
      TrayViewModel trayVm = new TrayViewModel(session, ledger, notifier);
      blocks = new GuardBlockNotices(setup.trayStateDir().getParent(), ledger, notifier, trayVm.pausedProperty()::get);
      stageIcon(stage, trayVm.levelProperty().get());
      trayVm.levelProperty().addListener((o, was, now) -> stageIcon(stage, now));
      tray = new TrayIconView(stage, trayVm, () -> show(stage), session::scanNow, this::quit);
      view.set(tray);
      if (setup.showAtStart()) {
        show(stage);
      }
    } else {
      LOG.info("No system tray on this desktop; running as a normal window");
      Platform.setImplicitExit(true);
      stageIcon(stage, TrayLevel.CLEAR);
      if (new OneTimeNotice(setup.trayStateDir().resolve("no-tray-explained")).firstTime()) {
        window.explain("This desktop has no system tray (for example GNOME without the "
            + "AppIndicator extension, or a session without a panel), so Daylight runs as this "
            + "window. Closing it quits Daylight; the background agent keeps scanning.");
      }
      show(stage);
    }

    session.start(setup.scanAtStart());
    poll = new Timeline(new KeyFrame(POLL, e -> {
      session.refreshIfChanged();
      if (blocks != null) {
        blocks.poll();
      }
    }));
    poll.setCycleCount(Animation.INDEFINITE);
    poll.play();
  }

  private static void show(Stage stage) {
    stage.show();
    stage.setIconified(false);
    stage.toFront();
  }

  private static void stageIcon(Stage stage, TrayLevel level) {
    stage.getIcons().setAll(SwingFXUtils.toFXImage(TrayIcons.image(level), null));
  }

  private void quit() {
    if (tray != null) {
      tray.remove();
    }
    Platform.exit();
  }

  @Override
  public void stop() throws InterruptedException {
    if (poll != null) {
      poll.stop();
    }
    executor.close();
    if (SETUP.get().data() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing the data source failed", e);
      }
    }
    // The AWT tray thread keeps the JVM alive after the FX toolkit has stopped.
    System.exit(0);
  }
}
