package dev.daylight.agent.intel;

/**
 * An advisory that covers a package.
 *
 * @param version the version checked, or null when the version is not known
 * @param exact true when {@code version} is known and affected; false when the version floats and
 *     the package has affected versions (the next launch may fetch one)
 * @param fixedIn the lowest fixed version above {@code version} that a range names, or null
 */
public record IntelMatch(
    Advisory advisory,
    String ecosystem,
    String name,
    String version,
    boolean exact,
    String fixedIn) {}
