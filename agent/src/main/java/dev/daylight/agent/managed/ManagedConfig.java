package dev.daylight.agent.managed;

import dev.daylight.agent.platform.Layout;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an administrator gave the agent at install time (MDM, Ansible, msiexec): the collector to
 * report to and the enrollment secret to enroll with on first start. Read from the per-OS managed
 * location: {@code /etc/daylight/agent.conf} (Linux), the managed preferences of the domain {@code
 * dev.daylight.agent} or {@code /Library/Application Support/Daylight/agent.conf} (macOS), {@code
 * %ProgramData%\Daylight\agent.conf} (Windows, written from the MSI properties).
 */
public final class ManagedConfig {
  /** Environment variable naming one config file instead of the per-OS locations. */
  public static final String OVERRIDE_ENV = "DAYLIGHT_AGENT_CONF";

  private static final ManagedConfig NONE = new ManagedConfig(null, null, null, null, List.of());

  private final URI collector;
  private final String enrollSecret;
  private final Path caFile;
  private final String pin;
  private final List<Path> sources;

  ManagedConfig(URI collector, String enrollSecret, Path caFile, String pin, List<Path> sources) {
    this.collector = collector;
    this.enrollSecret = enrollSecret;
    this.caFile = caFile;
    this.pin = pin;
    this.sources = List.copyOf(sources);
  }

  /** No managed configuration: the agent runs unenrolled until {@code daylight enroll}. */
  public static ManagedConfig none() {
    return NONE;
  }

  /**
   * The configuration of the machine {@code layout} describes; {@link #none()} when no file is
   * there or the layout is a fake home. A file that cannot be read is logged and skipped.
   */
  public static ManagedConfig load(Layout layout, Map<String, String> environment) {
    List<Path> files = ConfigFiles.locations(layout, environment);
    return ConfigFiles.read(files);
  }

  /** The configuration of the machine the agent runs on. */
  public static ManagedConfig forThisMachine() {
    return load(Layout.currentMachine(), System.getenv());
  }

  public Optional<URI> collector() {
    return Optional.ofNullable(collector);
  }

  /** The fleet's enrollment secret; only ever passed to the enrollment request. */
  public Optional<String> enrollSecret() {
    return Optional.ofNullable(enrollSecret);
  }

  /**
   * A PEM file of the company CA that issued the collector's certificate ({@code ca_file}, {@code
   * CAFile} in a profile, {@code CAFILE} in the MSI); trusted in addition to the OS and bundled
   * trust stores.
   */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /**
   * The SHA-256 of the collector certificate's public key (SPKI) or of the certificate, hex or
   * {@code sha256/BASE64} ({@code pin}, {@code CollectorPin}, {@code PIN}); replaces CA trust.
   */
  public Optional<String> pin() {
    return Optional.ofNullable(pin);
  }

  /** True when the agent has what it needs to enroll itself. */
  public boolean canEnroll() {
    return collector != null && enrollSecret != null;
  }

  /** The files the values came from, most authoritative first. */
  public List<Path> sources() {
    return sources;
  }

  @Override
  public String toString() {
    String shown =
        collector == null ? null : dev.daylight.agent.report.Endpoint.display(collector.toString());
    return "ManagedConfig[collector="
        + shown
        + ", enrollSecret="
        + (enrollSecret == null ? "absent" : "<set>")
        + ", caFile="
        + caFile
        + ", pin="
        + pin
        + ", sources="
        + sources
        + "]";
  }
}
