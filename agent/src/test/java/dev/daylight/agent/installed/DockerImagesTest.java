package dev.daylight.agent.installed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.PackageRef;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerImagesTest {
  @TempDir Path dir;

  private static final String IMAGES =
      "[{\"Id\":\"sha256:1111\",\"RepoTags\":[\"mcp/github:latest\"],"
          + "\"RepoDigests\":[\"mcp/github@sha256:aaaa\"]},{\"Id\":\"sha256:2222\",\"RepoTags\":[\"node:20\"],\"RepoDigests\":[]}]";

  @Test
  void noDaemonIsNoErrorJustNothing() {
    assertThat(DockerImages.query(dir.resolve("docker.sock"))).isEmpty();
  }

  @Test
  void readsTheImageListFromADaemonSocketIncludingChunkedBodies() throws Exception {
    Path socket = dir.resolve("d.sock");
    String chunked =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(20)
            + "\r\n"
            + IMAGES.substring(0, 20)
            + "\r\n"
            + Integer.toHexString(IMAGES.length() - 20)
            + "\r\n"
            + IMAGES.substring(20)
            + "\r\n0\r\n\r\n";
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread daemon =
          new Thread(
              () -> {
                try (SocketChannel c = server.accept()) {
                  ByteBuffer request = ByteBuffer.allocate(4096);
                  c.read(request);
                  assertThat(
                          new String(
                              request.array(), 0, request.position(), StandardCharsets.US_ASCII))
                      .startsWith("GET /images/json HTTP/1.0");
                  c.write(ByteBuffer.wrap(chunked.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      daemon.start();
      List<DockerImages.Image> images = DockerImages.query(socket).orElseThrow();
      daemon.join(5000);
      assertThat(images)
          .extracting(DockerImages.Image::id)
          .containsExactly("sha256:1111", "sha256:2222");
    }
  }

  @Test
  void aFloatingImageGetsTheDigestTheDaemonHolds() throws IOException {
    List<DockerImages.Image> images =
        DockerImages.parseImages(IMAGES.getBytes(StandardCharsets.UTF_8));
    PackageRef floating =
        new PackageRef(
            "pkg:docker/mcp/github@latest", "docker", "mcp/github", "latest", false, null);
    McpServer s =
        McpServer.builder()
            .id("s")
            .client("cursor")
            .scope(Scope.USER)
            .configPath("/h/.cursor/mcp.json")
            .line(2)
            .name("gh")
            .transport(Transport.STDIO)
            .command("docker")
            .args(List.of("run", "-i", "--rm", "mcp/github"))
            .enabled(true)
            .pkg(floating)
            .build();
    List<InstalledPackage> found = InstalledStage.referencedImages(List.of(s), images);
    assertThat(found)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.purl()).isEqualTo("pkg:docker/mcp/github@sha256%3Aaaaa");
              assertThat(p.source()).isEqualTo("docker");
              assertThat(p.installPath()).isEqualTo("sha256:1111");
            });
    PackageRef resolved = InstalledStage.resolve(s, found).pkg();
    assertThat(resolved.version()).isEqualTo("sha256:aaaa");
    assertThat(resolved.versionSource()).isEqualTo("cache");
  }
}
