package dev.daylight.collector;

import dev.daylight.collector.fleet.FleetQueries;
import dev.daylight.collector.fleet.MaliciousIntel;
import dev.daylight.collector.fleet.Owners;
import dev.daylight.collector.http.CollectorServer;
import dev.daylight.collector.http.SigningKey;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.ReportIngest;
import dev.daylight.collector.policy.IntelSnapshots;
import dev.daylight.collector.policy.PolicyService;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One running collector: database, writer, HTTP. Closing it stops HTTP first, then drains writes.
 */
public final class Collector implements AutoCloseable {
  /**
   * How to run it; {@code tlsCert}/{@code tlsKey} are both null for plain HTTP. {@code
   * metricsToken}, when set, is the bearer token {@code /metrics} asks for. {@code signingKey}: the
   * PEM file of the key that signs policy answers (made when missing); null: beside a SQLite
   * database ({@link #signingKeyFile}), else a key of this process only (embedded use, tests).
   */
  public record Config(
      String host,
      int port,
      String db,
      String enrollSecret,
      String adminToken,
      Path tlsCert,
      Path tlsKey,
      long scanIntervalSeconds,
      String metricsToken,
      Path signingKey) {
    public Config {
      if (enrollSecret == null || enrollSecret.length() < 8) {
        throw new IllegalArgumentException("--enroll-secret must be at least 8 characters");
      }
      if (adminToken == null || adminToken.length() < 8) {
        throw new IllegalArgumentException("--admin-token must be at least 8 characters");
      }
      if ((tlsCert == null) != (tlsKey == null)) {
        throw new IllegalArgumentException("--tls-cert and --tls-key go together");
      }
      if (metricsToken != null && metricsToken.length() < 8) {
        throw new IllegalArgumentException("--metrics-token must be at least 8 characters");
      }
    }

    /** Secrets and a database password never reach a log line or a stack trace. */
    @Override
    public String toString() {
      return "Config[host="
          + host
          + ", port="
          + port
          + ", db="
          + (db == null ? null : PASSWORD.matcher(db).replaceAll("$1$2<redacted>"))
          + ", enrollSecret=<redacted>, adminToken=<redacted>, tlsCert="
          + tlsCert
          + ", tlsKey="
          + tlsKey
          + ", scanIntervalSeconds="
          + scanIntervalSeconds
          + ", metricsToken="
          + (metricsToken == null ? null : "<redacted>")
          + ", signingKey="
          + signingKey
          + "]";
    }

    /** {@code password=...} in a PostgreSQL spec's query, and a password in its user info. */
    private static final Pattern PASSWORD =
        Pattern.compile("(?i)([?&]password=)[^&]*|(//[^/:@]*:)[^@/]*(?=@)");
  }

  /**
   * The address to listen on. Plain HTTP carries the admin token and node keys in clear, so without
   * TLS the collector listens on loopback only (for a reverse proxy on the same host) unless {@code
   * insecureHttp} says the network in between is trusted.
   *
   * @param bind the address asked for, or null for the default
   * @throws IllegalArgumentException for a non-loopback address over plain HTTP without {@code
   *     insecureHttp}
   */
  public static String listenAddress(String bind, boolean tls, boolean insecureHttp) {
    if (bind == null || bind.isBlank()) {
      return tls || insecureHttp ? "0.0.0.0" : "127.0.0.1";
    }
    if (!tls && !insecureHttp && !loopback(bind)) {
      throw new IllegalArgumentException(
          "--bind "
              + bind
              + " without TLS would send tokens in clear:"
              + " give --tls-cert/--tls-key, or --insecure-http if a TLS proxy or trusted network is in front");
    }
    return bind;
  }

  private static boolean loopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("[::1]");
  }

  /**
   * Where the signing key lives when none is named: beside a SQLite database (it belongs with the
   * state agents were enrolled against, and survives a restart with it); null for PostgreSQL, whose
   * collectors must be given one shared file (the command line defaults to the working folder).
   */
  static Path signingKeyFile(String db) {
    if (db.startsWith("sqlite:")) {
      Path file = Path.of(db.substring("sqlite:".length())).toAbsolutePath();
      return file.resolveSibling(file.getFileName() + ".signing-key.pem");
    }
    return null;
  }

  private final Database db;
  private final WriteQueue writes;
  private final CollectorServer server;

  private Collector(Database db, WriteQueue writes, CollectorServer server) {
    this.db = db;
    this.writes = writes;
    this.server = server;
  }

  public static Collector start(Config c) throws Exception {
    Path keyFile = c.signingKey() != null ? c.signingKey() : signingKeyFile(c.db());
    SigningKey signer = keyFile != null ? SigningKey.loadOrCreate(keyFile) : SigningKey.ephemeral();
    Database db = Database.open(c.db());
    WriteQueue writes = new WriteQueue(db);
    try {
      MaliciousIntel malicious = new MaliciousIntel(db);
      CollectorServer.Tls tls =
          c.tlsCert() == null ? null : new CollectorServer.Tls(c.tlsCert(), c.tlsKey());
      CollectorServer server =
          new CollectorServer(
              c.host(),
              c.port(),
              tls,
              db,
              new Enrollment(db, writes, c.enrollSecret()),
              new ReportIngest(writes),
              new FleetQueries(db, malicious),
              new PolicyService(db, writes, c.scanIntervalSeconds(), malicious),
              new Owners(writes),
              c.adminToken(),
              c.metricsToken(),
              writes::stats,
              signer,
              new IntelSnapshots(db, writes));
      return new Collector(db, writes, server);
    } catch (Exception e) {
      writes.close();
      db.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public Database database() {
    return db;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      writes.close();
      db.close();
    }
  }
}
