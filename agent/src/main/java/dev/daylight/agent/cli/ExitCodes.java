package dev.daylight.agent.cli;

/** Exit codes every command keeps to, so scripts and MDM tools can rely on them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int RUNTIME_FAILURE = 3;

  private ExitCodes() {}
}
