package dev.daylight.protocol;

/** Versions of the wire form. A collector accepts the current and the previous one. */
public final class SchemaVersion {
  public static final int CURRENT = 1;
  public static final int PREVIOUS = CURRENT - 1;

  private SchemaVersion() {}

  public static boolean accepted(int version) {
    return version == CURRENT || (version == PREVIOUS && PREVIOUS > 0);
  }
}
