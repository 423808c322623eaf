package dev.daylight.ui;

import dev.daylight.ui.concurrent.AwtExecutor;
import dev.daylight.ui.data.DaylightData;
import dev.daylight.ui.session.SessionViewModel;
import dev.daylight.ui.tray.GuardBlockNotices;
import dev.daylight.ui.tray.Notification;
import dev.daylight.ui.tray.NotifiedLedger;
import dev.daylight.ui.tray.TrayIconView;
import dev.daylight.ui.tray.TrayViewModel;
import dev.daylight.ui.tray.WindowProcess;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon process: the icon, its menu and the desktop messages, on AWT alone. It polls the
 * store like the window does, announces new high and critical findings and refused tool calls, and
 * starts the window ({@link WindowProcess}) when asked. Runs as long as the person's session.
 */
final class TrayApp {
  private static final Logger LOG = LoggerFactory.getLogger(TrayApp.class);
  private static final long POLL_MILLIS = 2000;

  private final DaylightData data;
  private final AwtExecutor executor = new AwtExecutor();
  private final WindowProcess window;
  private final ScheduledExecutorService poll =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daylight-tray-poll");
            t.setDaemon(true);
            return t;
          });
  private TrayIconView icon;

  private TrayApp(DaylightData data, Supplier<List<String>> windowCommand) {
    this.data = data;
    this.window = new WindowProcess(windowCommand);
  }

  /** Shows the icon and returns; AWT's event thread keeps the process alive until Quit. */
  static void run(
      DaylightData data,
      Path trayStateDir,
      boolean show,
      boolean scan,
      Supplier<List<String>> windowCommand) {
    TrayApp app = new TrayApp(data, windowCommand);
    try {
      EventQueue.invokeAndWait(() -> app.start(trayStateDir, show, scan));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "the tray icon could not be shown: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private void start(Path trayStateDir, boolean show, boolean scan) {
    SessionViewModel session = new SessionViewModel(data, executor);
    NotifiedLedger ledger = NotifiedLedger.at(trayStateDir.resolve("notified-findings.txt"));
    AtomicReference<TrayIconView> view = new AtomicReference<>();
    Consumer<Notification> notifier =
        n -> {
          LOG.info("Notice: {}", n.caption());
          TrayIconView v = view.get();
          if (v != null) {
            v.notify(n);
          }
        };
    TrayViewModel trayVm = new TrayViewModel(session, ledger, notifier);
    // Read on the poll thread (the spool is a file); its messages are shown on the UI thread.
    GuardBlockNotices blocks =
        new GuardBlockNotices(
            trayStateDir.getParent(),
            ledger,
            n -> executor.ui(() -> notifier.accept(n)),
            trayVm.pausedProperty()::get);
    try {
      icon = new TrayIconView(trayVm, window::open, session::scanNow, this::quit);
    } catch (AWTException e) {
      throw new IllegalStateException("the desktop's tray refused the icon", e);
    }
    view.set(icon);
    LOG.info("Tray icon shown");
    if (show) {
      window.open();
    }
    session.start(scan);
    poll.scheduleWithFixedDelay(
        () -> {
          executor.ui(session::refreshIfChanged);
          try {
            blocks.poll();
          } catch (RuntimeException e) {
            // A failed poll must not end the polling: the scheduler drops a task that throws.
            LOG.warn("guard notices not read: {}", e.toString());
          }
        },
        POLL_MILLIS,
        POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void quit() {
    icon.remove();
    window.close();
    poll.shutdownNow();
    try {
      executor.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (data instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing the data source failed", e);
      }
    }
    // AWT's event thread would keep the JVM alive.
    System.exit(0);
  }
}
