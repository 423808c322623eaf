package dev.daylight.agent.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project folder a record file belongs to, where the file's place says it. */
final class Projects {
  private static final int MAX_MARKER = 4_096;

  private Projects() {}

  /**
   * Gemini CLI keeps a session under {@code ~/.gemini/tmp/SLUG/chats/} and writes the project
   * folder into {@code SLUG/.project_root}; other formats name it in their records.
   */
  static String initial(Format format, Path file) {
    if (format != Format.GEMINI_CHAT && format != Format.GEMINI_CHAT_JSON) {
      return null;
    }
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      Path marker = dir.resolve(".project_root");
      if (Files.isRegularFile(marker)) {
        return read(marker);
      }
      if (dir.getFileName() != null && dir.getFileName().toString().equals("tmp")) {
        return null;
      }
    }
    return null;
  }

  private static String read(Path marker) {
    try (InputStream in = Files.newInputStream(marker)) {
      String s = new String(in.readNBytes(MAX_MARKER), StandardCharsets.UTF_8).trim();
      return s.isEmpty() || s.indexOf('\n') >= 0 ? null : s;
    } catch (IOException e) {
      return null;
    }
  }
}
