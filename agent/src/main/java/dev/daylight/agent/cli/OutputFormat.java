package dev.daylight.agent.cli;

import java.util.Locale;

/** How the store commands print: a table for people, JSON for scripts. */
enum OutputFormat {
  TABLE,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
