package dev.daylight.agent.installed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local Docker images, asked read-only ({@code GET /images/json}) of a daemon listening on a Unix
 * socket. No daemon, no socket, no answer within the timeout: empty, never an error. (Docker on
 * Windows listens on a named pipe, which this client does not speak; Windows scans skip it.)
 */
final class DockerImages {
  private static final Logger LOG = LoggerFactory.getLogger(DockerImages.class);
  private static final long TIMEOUT_MS = 3_000;
  private static final int MAX_RESPONSE = 32 << 20;

  record Image(String id, List<String> repoTags, List<String> repoDigests) {}

  private DockerImages() {}

  static Optional<List<Image>> query(Path socket) {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Selector selector = Selector.open()) {
      ch.write(
          ByteBuffer.wrap(
              "GET /images/json HTTP/1.0\r\nHost: docker\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII)));
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ);
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || selector.select(left) == 0) {
          LOG.debug("docker at {} did not answer in time", socket);
          return Optional.empty();
        }
        selector.selectedKeys().clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        response.write(buf.array(), 0, buf.position());
        buf.clear();
        if (response.size() > MAX_RESPONSE) {
          return Optional.empty();
        }
      }
      return Optional.of(parseResponse(response.toByteArray()));
    } catch (IOException | RuntimeException e) {
      LOG.debug("no docker at {}: {}", socket, e.getMessage());
      return Optional.empty();
    }
  }

  /** An HTTP/1.x response carrying the image list (plain or chunked body). */
  static List<Image> parseResponse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0 || !text.startsWith("HTTP/1.") || !text.substring(9, 12).equals("200")) {
      throw new IOException("unexpected docker response: " + text.lines().findFirst().orElse(""));
    }
    String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
    String body = text.substring(split + 4);
    if (head.contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return parseImages(body.getBytes(StandardCharsets.UTF_8));
  }

  static List<Image> parseImages(byte[] json) throws IOException {
    List<Image> out = new ArrayList<>();
    for (JsonNode n : Json.mapper().readTree(json)) {
      out.add(
          new Image(
              n.path("Id").asText(""),
              strings(n.path("RepoTags")),
              strings(n.path("RepoDigests"))));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(i, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
