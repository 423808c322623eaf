package dev.daylight.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster on a free loopback port, one per test JVM, from the system's
 * PostgreSQL binaries. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * {@code postgres} account (Debian's package creates it) and commands run through runuser.
 */
public final class TestPostgres {
  private static TestPostgres instance;

  /** Why the one start failed: later tests fail with it instead of starting PostgreSQL again. */
  private static IllegalStateException failed;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private TestPostgres(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /**
   * Skips the calling test with a clear message when PostgreSQL is not installed; fails it when the
   * installed one cannot be started.
   */
  public static synchronized TestPostgres get() {
    if (instance == null) {
      if (failed != null) {
        throw failed;
      }
      Optional<Path> bin = findBin();
      Requires.that(
          bin.isPresent(),
          "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql");
      try {
        instance = start(bin.get());
      } catch (IOException first) {
        // Once more: the free port found may have been taken before PostgreSQL bound it.
        try {
          instance = start(bin.get());
        } catch (IOException | InterruptedException e) {
          e.addSuppressed(first);
          // The binaries are there, so this is no missing tool to skip for: the test fails.
          failed = new IllegalStateException("could not start a throw-away PostgreSQL", e);
          throw failed;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed = new IllegalStateException("interrupted while starting PostgreSQL", e);
        throw failed;
      }
    }
    return instance;
  }

  private static Optional<Path> findBin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static TestPostgres start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("daylight-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TestPostgres pg = new TestPostgres(bin, dir, port, root);
    try {
      pg.init();
    } catch (IOException | InterruptedException e) {
      pg.stop(); // a server half started, and the folder, do not outlive the failure
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
    return pg;
  }

  private void init() throws IOException, InterruptedException {
    if (asPostgres) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
            "-D",
            dir.resolve("data").toString()),
        true);
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-t",
            "60",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                + dir
                + " -c fsync=off -c synchronous_commit=off -c max_connections=200",
            "start"),
        true);
  }

  private void run(List<String> command, boolean postgresUser)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (postgresUser && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  private void stop() {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "stop"),
          true);
    } catch (IOException | InterruptedException e) {
      // the JVM is exiting; the temp dir is left for the OS to clean
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /** A fresh, empty database and the collector's {@code --db} spec for it. */
  public String newDatabase() throws Exception {
    String name = "daylight_t" + DATABASES.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return "postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }
}
