package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.testing.Certificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown lets in-flight requests finish; TLS from PEM files works. */
class LifecycleTest {
  @TempDir Path tmp;

  private Collector start(Path tlsCert, Path tlsKey) throws Exception {
    return Collector.start(
        new Collector.Config(
            "127.0.0.1",
            0,
            "sqlite:" + tmp.resolve("c.db"),
            SECRET,
            ADMIN,
            tlsCert,
            tlsKey,
            3600,
            null,
            null));
  }

  @Test
  void shutdownFinishesARequestThatIsHalfwayThroughItsUpload() throws Exception {
    Collector collector = start(null, null);
    Http http = new Http(collector.port());
    JsonNode node =
        http.post(
                "/api/v1/enroll",
                null,
                Map.of("enrollSecret", SECRET, "host", Fixtures.host("slow", "sam")))
            .json();
    var report =
        Fixtures.snapshot(
            node.get("nodeId").asText(),
            Fixtures.inventory(
                Fixtures.host("slow", "sam"),
                List.of(Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16")),
                List.of()));
    byte[] body = Http.toJson(report);
    CompletableFuture<Void> closing;
    String response;
    try (Socket s = new Socket("127.0.0.1", collector.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Authorization: Bearer "
                  + node.get("nodeKey").asText()
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      Thread.sleep(300);
      closing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  collector.close();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertThat(closing).isNotDone();
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      InputStream in = s.getInputStream();
      response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    closing.get(30, TimeUnit.SECONDS);
    assertThat(response).startsWith("HTTP/1.1 200").contains("\"stored\"");
    try (Collector again = start(null, null)) {
      JsonNode devices =
          new Http(again.port())
              .get("/api/v1/fleet/packages?purl=pkg:npm/postmark-mcp", ADMIN)
              .json();
      assertThat(devices.get("devices")).hasSize(1);
    }
  }

  @Test
  void servesHttpsFromPemFiles() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    Certificates.selfSigned(cert, key);
    try (Collector collector = start(cert, key)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (var in = Files.newInputStream(cert)) {
        trust.setCertificateEntry(
            "c", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> res =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + collector.port() + "/healthz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("ok");
    }
  }
}
