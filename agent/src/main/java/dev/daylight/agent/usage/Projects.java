package dev.daylight.agent.usage;

import dev.daylight.agent.platform.FileAccess;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The project folder a record file belongs to, where the file's place says it. */
final class Projects {
  /** A project path, with room to spare; a larger marker is no marker Gemini wrote. */
  static final int MAX_MARKER = 1_024;

  /** A POSIX path, a drive path or a UNC path: what Gemini writes, and nothing that is not. */
  private static final Pattern ABSOLUTE = Pattern.compile("/.*|[A-Za-z]:[\\\\/].*|\\\\\\\\.+");

  private Projects() {}

  /**
   * Gemini CLI keeps a session under {@code ~/.gemini/tmp/SLUG/chats/} and writes the project
   * folder into {@code SLUG/.project_root}; other formats name it in their records. The marker's
   * text becomes the usage's project (stored, reported, in the user's view), so it is read as the
   * home's other files are ({@link FileAccess}: no link out of the home, only a file its owner
   * could read) and kept only when it reads as an absolute path.
   */
  static String initial(Format format, UsageSources.Located located) {
    if (format != Format.GEMINI_CHAT && format != Format.GEMINI_CHAT_JSON) {
      return null;
    }
    for (Path dir = located.file().getParent(); dir != null; dir = dir.getParent()) {
      FileAccess.Read marker = located.access().read(dir.resolve(".project_root"), MAX_MARKER);
      if (marker instanceof FileAccess.Content c) {
        return path(c.bytes());
      }
      if (marker instanceof FileAccess.Refused) {
        return null;
      }
      if (dir.getFileName() != null && dir.getFileName().toString().equals("tmp")) {
        return null;
      }
    }
    return null;
  }

  /** The marker's one line when it is an absolute path in UTF-8 with no control character. */
  static String path(byte[] bytes) {
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString()
              .strip();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (s.isEmpty() || s.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return ABSOLUTE.matcher(s).matches() ? s : null;
  }
}
