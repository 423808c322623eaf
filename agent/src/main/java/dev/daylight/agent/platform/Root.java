package dev.daylight.agent.platform;

/**
 * Named base folders a path in the catalog starts from ({@code {appdata}/Claude/...}). Each OS
 * layout maps the ones it has; the others are absent on that OS.
 */
public enum Root {
  /** The user's home (the profile folder on Windows). */
  HOME("home"),
  /** Windows {@code %APPDATA%} = {@code AppData/Roaming}. */
  APPDATA("appdata"),
  /** Windows {@code %LOCALAPPDATA%} = {@code AppData/Local}. */
  LOCALAPPDATA("localappdata"),
  /** macOS {@code ~/Library/Application Support}. */
  APP_SUPPORT("appsupport"),
  /** Linux {@code $XDG_CONFIG_HOME} or {@code ~/.config}. */
  XDG_CONFIG("xdgconfig"),
  /** Linux {@code $XDG_DATA_HOME} or {@code ~/.local/share}. */
  XDG_DATA("xdgdata"),
  /**
   * The per-user config folder as Go's {@code os.UserConfigDir} names it: {@code AppData/Roaming},
   * {@code Library/Application Support}, or the XDG config home.
   */
  USER_CONFIG("userconfig"),
  /** {@code /etc} on Linux and macOS. Real machine only. */
  ETC("etc"),
  /**
   * Machine-wide config: {@code /etc} (Linux), {@code /Library/Application Support} (macOS), {@code
   * %ProgramData%} (Windows). Real machine only.
   */
  SYSTEM_CONFIG("systemconfig"),
  /** Windows {@code %ProgramFiles%}. Real machine only. */
  PROGRAM_FILES("programfiles");

  private final String token;

  Root(String token) {
    this.token = token;
  }

  /** The name used between braces in catalog paths. */
  public String token() {
    return token;
  }

  /** The root named by a catalog token, e.g. {@code appdata}. */
  public static Root ofToken(String token) {
    for (Root r : values()) {
      if (r.token.equals(token)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown path root {" + token + "}");
  }
}
