package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a {@code release-*} finding is about: one indicator a package version adds over the version
 * it is compared with.
 *
 * @param pkg the package's purl without version
 * @param from the version compared with (the trusted one, or the next older one cached), or null
 *     when none could be compared
 * @param to the new version
 * @param kind the indicator's kind ({@code destination}, {@code exec}, {@code install-script}, ...)
 * @param subkind the finer kind ({@code mail-recipient}, {@code postinstall}, ...)
 * @param value what it is (a host, an address, a hook's command, a module), secrets redacted
 * @param file path relative to the new version's root
 * @param line 1-based line in that file
 */
public record Release(
    @JsonProperty("package") String pkg,
    String from,
    String to,
    String kind,
    String subkind,
    String value,
    String file,
    Integer line) {
  public Release {
    Checks.required(pkg, "package");
    Checks.required(to, "to");
  }
}
