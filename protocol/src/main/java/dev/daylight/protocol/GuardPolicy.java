package dev.daylight.protocol;

import java.util.Set;

/**
 * The fleet's say over the guard hook in the AI clients.
 *
 * @param mode {@code off}, {@code audit} (record, never block) or {@code enforce}
 * @param installHooks whether agents installed by the packages put the hook into the machine-wide
 *     (managed) settings of each client
 */
public record GuardPolicy(String mode, boolean installHooks) {
  private static final Set<String> MODES = Set.of("off", "audit", "enforce");

  public GuardPolicy {
    Checks.required(mode, "mode");
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "guard mode must be off, audit or enforce, not '" + mode + "'");
    }
  }
}
