package dev.daylight.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.daylight.protocol.AnswerSignature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * A loopback relay between an agent and a real collector: it forwards every request and, as {@link
 * #mode} says, changes the collector's signed answers (policy and intel snapshot) the ways an
 * attacker in the middle could: another body, no signature, another key's signature.
 */
final class TamperingRelay implements AutoCloseable {
  enum Mode {
    PASS,
    TAMPER,
    UNSIGNED,
    WRONG_KEY
  }

  volatile Mode mode = Mode.PASS;
  private final HttpServer relay;
  private final HttpClient http = HttpClient.newHttpClient();

  TamperingRelay(int collectorPort) throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext(
        "/",
        x -> {
          try {
            forward(x, collectorPort, other);
          } catch (Exception e) {
            x.sendResponseHeaders(502, -1);
          } finally {
            x.close();
          }
        });
    relay.start();
  }

  int port() {
    return relay.getAddress().getPort();
  }

  @Override
  public void close() {
    relay.stop(0);
  }

  private void forward(HttpExchange x, int collectorPort, KeyPair other) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collectorPort + x.getRequestURI()));
    for (String h : List.of("Authorization", "Content-Type", "If-None-Match")) {
      String v = x.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    byte[] in = x.getRequestBody().readAllBytes();
    String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    b.method(
        x.getRequestMethod(),
        in.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(in));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = r.body();
    boolean snapshot =
        x.getRequestURI().getPath().equals("/api/v1/intel/snapshot") && r.statusCode() == 200;
    boolean policy =
        snapshot || x.getRequestURI().getPath().equals("/api/v1/policy") && r.statusCode() == 200;
    for (String h :
        List.of(
            "Content-Type",
            "ETag",
            AnswerSignature.HEADER,
            AnswerSignature.KEY_ID_HEADER,
            AnswerSignature.KEY_HEADER)) {
      r.headers().firstValue(h).ifPresent(v -> x.getResponseHeaders().add(h, v));
    }
    if (policy && mode != Mode.PASS) {
      switch (mode) {
        case TAMPER -> {
          if (snapshot) {
            body = body.clone();
            body[body.length / 2] ^= 1;
          } else {
            body =
                new String(body, StandardCharsets.UTF_8)
                    .replace("pkg:npm/deepseeek", "pkg:npm/deepseek")
                    .getBytes(StandardCharsets.UTF_8);
          }
        }
        case UNSIGNED -> {
          x.getResponseHeaders().remove(AnswerSignature.HEADER);
          x.getResponseHeaders().remove(AnswerSignature.KEY_ID_HEADER);
          x.getResponseHeaders().remove(AnswerSignature.KEY_HEADER);
        }
        case WRONG_KEY -> {
          Signature s = Signature.getInstance("Ed25519");
          s.initSign(other.getPrivate());
          s.update(body);
          String pub = Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
          x.getResponseHeaders().set(AnswerSignature.HEADER, AnswerSignature.header(s.sign()));
          x.getResponseHeaders().set(AnswerSignature.KEY_ID_HEADER, AnswerSignature.keyId(pub));
          x.getResponseHeaders().set(AnswerSignature.KEY_HEADER, pub);
        }
        default -> {}
      }
    }
    x.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      x.getResponseBody().write(body);
    }
  }
}
