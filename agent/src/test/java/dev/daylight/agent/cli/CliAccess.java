package dev.daylight.agent.cli;

import picocli.CommandLine;

/** Lets tests in other packages run the real command line in-process. */
public final class CliAccess {
  private CliAccess() {}

  public static CommandLine commandLine() {
    return Main.newCommandLine();
  }
}
