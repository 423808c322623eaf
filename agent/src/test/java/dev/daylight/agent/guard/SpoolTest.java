package dev.daylight.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool is read in bytes: each call is read once, whatever characters its lines hold. */
class SpoolTest {
  @TempDir Path state;

  private static byte[] line(String project, String tool) {
    return ("{\"ts\":\"t\",\"client\":\"cursor\",\"server\":\"pm\",\"tool\":\""
            + tool
            + "\",\"project\":\""
            + project
            + "\",\"decision\":\"allow\",\"reason\":\"\"}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theNextOffsetIsTheByteAfterTheLastCompleteLine() throws Exception {
    Path f = Spool.file(state);
    Files.createDirectories(f.getParent());
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    first.write(line("/home/jürgen/projekt-ü", "send"));
    first.write(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'}); // not UTF-8: skipped
    first.write("{\"ts\":\"half".getBytes(StandardCharsets.UTF_8)); // still being written
    Files.write(f, first.toByteArray());

    Spool.Page page = Spool.from(state, 0);
    assertThat(page.calls()).extracting(Spool.Call::tool).containsExactly("send");
    assertThat(page.end()).isEqualTo(first.size() - "{\"ts\":\"half".length());

    // The torn line is rewritten whole by the next append in this test's stand-in for the hook.
    Files.write(f, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
    Files.write(f, java.util.Arrays.copyOf(first.toByteArray(), (int) page.end()));
    Files.write(f, line("/home/zoë", "list"), StandardOpenOption.APPEND);
    Spool.Page next = Spool.from(state, page.end());
    assertThat(next.calls()).extracting(Spool.Call::tool).containsExactly("list");
    assertThat(next.end()).isEqualTo(Files.size(f));
  }
}
