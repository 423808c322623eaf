package dev.daylight.protocol;

/** A file that exists but could not be read or understood, and why. */
public record ScanError(String path, String reason) {
  public ScanError {
    Checks.required(path, "path");
    Checks.required(reason, "reason");
  }
}
