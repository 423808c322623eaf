package dev.daylight.collector.http;

import dev.daylight.collector.fleet.FleetQueries;
import dev.daylight.collector.fleet.Owners;
import dev.daylight.collector.ingest.Enrollment;
import dev.daylight.collector.ingest.ReportIngest;
import dev.daylight.collector.policy.IntelSnapshots;
import dev.daylight.collector.policy.PolicyService;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty with the collector's routes; stopping it lets in-flight requests finish first. */
public final class CollectorServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final GracefulHandler graceful;

  /** TLS material, or null for plain HTTP (loopback or behind a TLS-terminating balancer). */
  public record Tls(Path certPem, Path keyPem) {}

  public CollectorServer(
      String host,
      int port,
      Tls tls,
      Database db,
      Enrollment enrollment,
      ReportIngest ingest,
      FleetQueries fleet,
      PolicyService policy,
      Owners owners,
      String adminToken,
      String metricsToken,
      Supplier<WriteQueue.Stats> writeStats,
      SigningKey signer,
      IntelSnapshots snapshots)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(256, 8);
    threads.setName("daylight-http");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    if (tls == null) {
      connector = new ServerConnector(server, h1);
    } else {
      http.addCustomizer(new SecureRequestCustomizer());
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      KeyStore ks = Pem.keyStore(tls.certPem(), tls.keyPem());
      ssl.setKeyStore(ks);
      ssl.setKeyStorePassword(Pem.PASSWORD);
      ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), h1);
    }
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    Services services =
        new Services(
            db,
            enrollment,
            ingest,
            fleet,
            policy,
            owners,
            adminToken,
            metricsToken,
            Clock.systemUTC(),
            signer,
            snapshots);
    graceful = new GracefulHandler(new Router(services, new Metrics(writeStats)));
    server.setHandler(graceful);
    // Idle keep-alive connections would hold a graceful stop until its timeout: the wait for
    // in-flight requests happens in close(), and the stop that follows is quick.
    server.setStopTimeout(0);
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    try {
      graceful.shutdown().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // requests still running after 20 s are cut off by the stop below
    }
    server.stop();
  }
}
