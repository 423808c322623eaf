package dev.daylight.collector;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code daylight-collector}: runs until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(
    name = "daylight-collector",
    mixinStandardHelpOptions = true,
    description =
        "Daylight's central collector: enrollment, reports, fleet queries, policy, dashboard.")
public final class CollectorMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(CollectorMain.class);

  @Option(names = "--port", defaultValue = "8443", description = "TCP port (0 picks a free one)")
  int port;

  @Option(
      names = "--bind",
      description =
          "address to listen on (default: 127.0.0.1 over plain HTTP,"
              + " every address with TLS or --insecure-http)")
  String bind;

  @Option(
      names = "--insecure-http",
      description =
          "allow plain HTTP on a non-loopback address (only behind"
              + " a TLS proxy or on a trusted network: tokens and reports cross it in clear)")
  boolean insecureHttp;

  @Option(
      names = "--metrics-token",
      defaultValue = "${env:DAYLIGHT_METRICS_TOKEN}",
      description =
          "bearer token /metrics asks for (default: $DAYLIGHT_METRICS_TOKEN; unset: /metrics is open)")
  String metricsToken;

  @Option(
      names = "--db",
      defaultValue = "${env:DAYLIGHT_DB:-sqlite:daylight-collector.db}",
      description =
          "sqlite:FILE (embedded) or postgresql://HOST:PORT/DB?user=U&password=P (default:"
              + " $DAYLIGHT_DB, kept out of ps as it may hold a password; else"
              + " sqlite:daylight-collector.db)")
  String db;

  @Option(
      names = "--enroll-secret",
      defaultValue = "${env:DAYLIGHT_ENROLL_SECRET}",
      description =
          "shared secret agents enroll with (default: $DAYLIGHT_ENROLL_SECRET, kept out of ps)")
  String enrollSecret;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:DAYLIGHT_ADMIN_TOKEN}",
      description = "bearer token of the admin API and dashboard (default: $DAYLIGHT_ADMIN_TOKEN)")
  String adminToken;

  @Option(names = "--tls-cert", description = "PEM certificate chain")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM PKCS#8 private key")
  Path tlsKey;

  @Option(
      names = "--signing-key",
      defaultValue = "${env:DAYLIGHT_SIGNING_KEY}",
      description =
          "PEM file of the Ed25519 key that signs policy answers and intel snapshots, made (0600) when"
              + " missing; agents pin its public key at enrollment, so keep it and give every collector of the fleet"
              + " the same file (default: $DAYLIGHT_SIGNING_KEY, else FILE.signing-key.pem beside a sqlite:FILE"
              + " database, else daylight-collector-signing.pem in the working folder)")
  Path signingKey;

  @Option(
      names = "--scan-interval",
      defaultValue = "3600",
      description = "seconds between agent scans")
  long scanInterval;

  @Override
  public Integer call() throws Exception {
    String host = Collector.listenAddress(bind, tlsCert != null, insecureHttp);
    if (tlsCert == null && insecureHttp) {
      log.atWarn()
          .addKeyValue("bind", host)
          .log(
              "--insecure-http: plain HTTP off loopback; the admin token,"
                  + " node keys and reports cross the network in clear");
    }
    Collector.Config config =
        new Collector.Config(
            host,
            port,
            db,
            enrollSecret,
            adminToken,
            tlsCert,
            tlsKey,
            scanInterval,
            metricsToken,
            signingKey != null
                ? signingKey
                : Optional.ofNullable(Collector.signingKeyFile(db))
                    .orElse(Path.of("daylight-collector-signing.pem")));
    Collector collector = Collector.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down: finishing in-flight requests");
                  try {
                    collector.close();
                  } catch (Exception e) {
                    log.warn("shutdown failed", e);
                  }
                  stopped.countDown();
                },
                "daylight-shutdown"));
    log.atInfo()
        .addKeyValue("bind", host)
        .addKeyValue("port", collector.port())
        .addKeyValue("db", db.startsWith("sqlite:") ? db : "postgresql")
        .addKeyValue("tls", tlsCert != null)
        .log("collector listening");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    int code = run(new java.io.PrintWriter(System.err, true), args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs until stopped; a collector that cannot start (a key that is not its certificate's) returns
   * 2.
   */
  static int run(java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new CollectorMain());
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          log.atError()
              .addKeyValue("reason", e.getMessage())
              .log("collector not started: " + e.getMessage());
          cmd.getErr().println("daylight-collector: " + e.getMessage());
          return 2;
        });
    return cli.execute(args);
  }
}
