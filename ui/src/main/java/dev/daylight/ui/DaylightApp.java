package dev.daylight.ui;

import dev.daylight.ui.apps.AppsViewModel;
import dev.daylight.ui.concurrent.FxExecutor;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.main.MainWindow;
import dev.daylight.ui.main.OneTimeNotice;
import dev.daylight.ui.servers.ServersViewModel;
import dev.daylight.ui.session.SessionViewModel;
import dev.daylight.ui.session.SystemDesktop;
import dev.daylight.ui.tray.TrayIcons;
import dev.daylight.ui.tray.TrayLevel;
import dev.daylight.ui.tray.WindowProcess;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window process: one session over the agent's store and the main window; closing the window
 * ends the process. Started by {@link Launcher}, either as the tray icon's window (a child that
 * listens to the icon on its input, {@link WindowProcess}) or alone where the desktop has no tray.
 */
public final class DaylightApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DaylightApp.class);
  private static final Duration POLL = Duration.seconds(2);

  /**
   * What the launcher hands over: the data source, where the tray keeps its own small files,
   * whether to scan at start, and whether this window belongs to a tray icon process.
   */
  record Setup(DaylightData data, Path trayStateDir, boolean scanAtStart, boolean ofTrayIcon) {}

  private static final AtomicReference<Setup> SETUP = new AtomicReference<>();

  private final FxExecutor executor = new FxExecutor();
  private Timeline poll;

  static void launch(Setup setup, String... args) {
    SETUP.set(Objects.requireNonNull(setup));
    Application.launch(DaylightApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    Setup setup = Objects.requireNonNull(SETUP.get(), "started without a data source");
    Platform.setImplicitExit(true);
    SessionViewModel session = new SessionViewModel(setup.data(), executor);
    ServersViewModel servers =
        new ServersViewModel(session, new SystemDesktop(), executor, Clock.systemUTC());
    MainWindow window = new MainWindow(stage, session, servers, new AppsViewModel(session));
    stageIcon(stage, TrayLevel.of(session.overview().worstOpen()));
    session
        .overviewProperty()
        .addListener((o, was, now) -> stageIcon(stage, TrayLevel.of(now.worstOpen())));

    if (setup.ofTrayIcon()) {
      // The icon process scans and announces; this window only shows and acts on the store.
      WindowProcess.listen(System.in, () -> Platform.runLater(() -> show(stage)), Platform::exit);
      session.refresh();
    } else {
      LOG.info("No system tray on this desktop; running as a normal window");
      if (new OneTimeNotice(setup.trayStateDir().resolve("no-tray-explained")).firstTime()) {
        window.explain(
            "This desktop has no system tray (for example GNOME without the "
                + "AppIndicator extension, or a session without a panel), so Daylight runs as this "
                + "window. Closing it quits Daylight; the background agent keeps scanning.");
      }
      session.start(setup.scanAtStart());
    }
    show(stage);

    poll = new Timeline(new KeyFrame(POLL, e -> session.refreshIfChanged()));
    poll.setCycleCount(Animation.INDEFINITE);
    poll.play();
  }

  private static void show(Stage stage) {
    stage.show();
    stage.setIconified(false);
    stage.toFront();
  }

  private static void stageIcon(Stage stage, TrayLevel level) {
    stage.getIcons().setAll(fxImage(TrayIcons.image(level)));
  }

  /** The icon drawn for the tray, as a JavaFX image: a copy of its ARGB pixels. */
  private static Image fxImage(BufferedImage awt) {
    int w = awt.getWidth();
    int h = awt.getHeight();
    WritableImage fx = new WritableImage(w, h);
    fx.getPixelWriter()
        .setPixels(
            0, 0, w, h, PixelFormat.getIntArgbInstance(), awt.getRGB(0, 0, w, h, null, 0, w), 0, w);
    return fx;
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
    // Threads started by AWT (the icon drawing) must not keep a closed window's process alive.
    System.exit(0);
  }
}
