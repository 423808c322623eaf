package dev.daylight.ui.tray;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window as its own short-lived process, started when the person opens it from the icon and
 * gone when they close it, so the icon process never holds JavaFX. The two share no state but the
 * agent's store (or the machine agent's view), which each reads and polls on its own; the window's
 * standard input is the only channel: a line {@value #SHOW} brings it to the front, and its end
 * (the icon quit or died) closes the window. Its output goes where the icon's goes.
 */
public final class WindowProcess {
  /** The line that asks a running window to come to the front. */
  public static final String SHOW = "show";

  private static final Logger LOG = LoggerFactory.getLogger(WindowProcess.class);

  /**
   * The variable a package's native launcher (jpackage) sets once it has built the JVM's arguments.
   */
  static final String JPACKAGE_LAUNCHED = "_JPACKAGE_LAUNCHER";

  private final Supplier<List<String>> command;
  private final Map<String, String> environment;
  private final ProcessBuilder.Redirect output;
  private Process running;

  /**
   * GTK's own switch that keeps it from initialising OpenGL for the window's visual: JavaFX draws
   * with its software pipeline, and GTK's probe alone mapped Mesa's driver and LLVM (about 55 MB
   * resident) into a window started next to the icon. No effect where GTK is not used.
   */
  static final Map<String, String> NO_GL = Map.of("GDK_GL", "disable");

  /**
   * @param command the window's command line, built when it is first needed
   */
  public WindowProcess(Supplier<List<String>> command) {
    this(
        command,
        System.getenv().containsKey("GDK_GL") ? Map.of() : NO_GL,
        ProcessBuilder.Redirect.INHERIT);
  }

  /** A window with extra environment variables and its output sent elsewhere (tests). */
  WindowProcess(
      Supplier<List<String>> command,
      Map<String, String> environment,
      ProcessBuilder.Redirect output) {
    this.command = command;
    this.environment = Map.copyOf(environment);
    this.output = output;
  }

  /** Starts the window, or brings the running one to the front. */
  public synchronized void open() {
    if (running != null && running.isAlive() && send(running, SHOW + "\n")) {
      return;
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command.get()).redirectOutput(output).redirectErrorStream(true);
      builder.environment().putAll(environment);
      // A package's native launcher marks its own environment as "JVM arguments built"; a child
      // launcher that inherits the mark takes its arguments for JVM options ("--window": JVM
      // error).
      builder.environment().remove(JPACKAGE_LAUNCHED);
      running = builder.start();
      long pid = running.pid();
      LOG.info("Window process {} started", pid);
      running
          .onExit()
          .thenAccept(p -> LOG.info("Window process {} ended ({})", pid, p.exitValue()));
    } catch (IOException | RuntimeException e) {
      LOG.error("Cannot start the Daylight window: {}", e.toString());
    }
  }

  /** The running window's process, if one runs. */
  public synchronized Optional<ProcessHandle> running() {
    return running != null && running.isAlive()
        ? Optional.of(running.toHandle())
        : Optional.empty();
  }

  /** Closes the window: the end of its input first, then, if it lingers, a stop. */
  public synchronized void close() {
    if (running == null || !running.isAlive()) {
      return;
    }
    try {
      running.getOutputStream().close();
      if (!running.waitFor(3, TimeUnit.SECONDS)) {
        running.destroy();
      }
    } catch (IOException e) {
      running.destroy();
    } catch (InterruptedException e) {
      running.destroy();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The window's end of the channel: reads {@code in} (its standard input) on a daemon thread, runs
   * {@code show} for each {@value #SHOW} line and {@code end} once the input ends.
   */
  public static void listen(InputStream in, Runnable show, Runnable end) {
    Thread t =
        new Thread(
            () -> {
              try (var lines =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.trim().equals(SHOW)) {
                    show.run();
                  }
                }
              } catch (IOException e) {
                LOG.debug("window input: {}", e.toString());
              }
              end.run();
            },
            "daylight-window-input");
    t.setDaemon(true);
    t.start();
  }

  private static boolean send(Process p, String line) {
    try {
      OutputStream in = p.getOutputStream();
      in.write(line.getBytes(StandardCharsets.UTF_8));
      in.flush();
      return true;
    } catch (IOException e) {
      return false; // it is closing: start a new one
    }
  }
}
