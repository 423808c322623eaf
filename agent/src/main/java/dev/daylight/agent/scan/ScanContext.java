package dev.daylight.agent.scan;

import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one scan may look at: whose home, laid out as which OS, which environment variables
 * (empty for a fake home, so nothing of the machine running the test leaks in), and what the caller
 * allows (host probes, storing). Build it with the static factories and {@code with...}.
 *
 * @param layout where the user's files are
 * @param environment environment variables the clients would see ({@code CLAUDE_CONFIG_DIR}, {@code
 *     CODEX_HOME}, ...); empty when scanning a fake home
 * @param hostProbes whether stages may probe the host (processes, installed apps, ports)
 * @param store whether the inventory may be persisted after the scan
 * @param walkDepth how many directory levels below the home the project walk descends
 * @param fingerprintKey the per-device key for keyed secret fingerprints, when a store has one
 * @param osUser the account whose home this is, for scans of several users; empty for the caller
 */
public record ScanContext(
    Layout layout,
    Map<String, String> environment,
    boolean hostProbes,
    boolean store,
    int walkDepth,
    Optional<byte[]> fingerprintKey,
    Optional<String> osUser) {

  /** Deep enough for {@code ~/src/org/repo}, shallow enough to stay fast on big homes. */
  public static final int DEFAULT_WALK_DEPTH = 5;

  public ScanContext {
    if (layout == null) {
      throw new IllegalArgumentException("layout is required");
    }
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    fingerprintKey = fingerprintKey == null ? Optional.empty() : fingerprintKey.map(byte[]::clone);
    osUser = osUser == null ? Optional.empty() : osUser;
    if (walkDepth < 0) {
      throw new IllegalArgumentException("walkDepth must be >= 0");
    }
  }

  /** A home directory laid out as {@code os} lays it out: no environment, no probes, no store. */
  public static ScanContext forHome(Path home, Os os) {
    return new ScanContext(
        Layout.of(os, home),
        Map.of(),
        false,
        false,
        DEFAULT_WALK_DEPTH,
        Optional.empty(),
        Optional.empty());
  }

  /** The current user on this machine, with its environment; probes and store allowed. */
  public static ScanContext currentMachine() {
    return new ScanContext(
        Layout.currentMachine(),
        System.getenv(),
        true,
        true,
        DEFAULT_WALK_DEPTH,
        Optional.empty(),
        Optional.empty());
  }

  public Path home() {
    return layout.home();
  }

  public Os os() {
    return layout.os();
  }

  /** An environment variable as the scanned user's clients would see it. */
  public Optional<String> env(String name) {
    String v = environment.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public ScanContext withHostProbes(boolean on) {
    return new ScanContext(layout, environment, on, store, walkDepth, fingerprintKey, osUser);
  }

  public ScanContext withStore(boolean on) {
    return new ScanContext(layout, environment, hostProbes, on, walkDepth, fingerprintKey, osUser);
  }

  public ScanContext withWalkDepth(int depth) {
    return new ScanContext(layout, environment, hostProbes, store, depth, fingerprintKey, osUser);
  }

  public ScanContext withFingerprintKey(byte[] key) {
    return new ScanContext(
        layout, environment, hostProbes, store, walkDepth, Optional.ofNullable(key), osUser);
  }

  public ScanContext withOsUser(String user) {
    return new ScanContext(
        layout,
        environment,
        hostProbes,
        store,
        walkDepth,
        fingerprintKey,
        Optional.ofNullable(user));
  }

  @Override
  public String toString() {
    // Never print the key.
    return "ScanContext["
        + layout
        + ", depth="
        + walkDepth
        + ", hostProbes="
        + hostProbes
        + ", store="
        + store
        + ", keyed="
        + fingerprintKey.isPresent()
        + "]";
  }
}
