package dev.daylight.identity;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/** A version range in the syntax of the package's own ecosystem: npm semver or PEP 440. */
public final class VersionRange {
  private static final Pattern NPM_RANGE = Pattern.compile("[0-9A-Za-z.*^~<>=|\\- +]+");

  private VersionRange() {}

  /**
   * @param purlType {@code npm}, {@code pypi}, or another type, which only takes an exact version
   * @throws IllegalArgumentException when the range does not parse
   */
  public static Predicate<String> parse(String purlType, String range) {
    String r = range.trim();
    if (r.isEmpty()) {
      throw new IllegalArgumentException("empty range");
    }
    return switch (purlType) {
      case "npm" -> npm(r);
      case "pypi" -> Pep440.specifier(r);
      default -> {
        String exact = r.startsWith("==") ? r.substring(2) : r.startsWith("=") ? r.substring(1) : r;
        yield exact.trim()::equals;
      }
    };
  }

  private static Predicate<String> npm(String r) {
    if (!NPM_RANGE.matcher(r).matches()) {
      throw new IllegalArgumentException("not an npm semver range: " + r);
    }
    RangeList ranges;
    try {
      ranges = RangeListFactory.create(r, true);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an npm semver range: " + r, e);
    }
    return v -> {
      Semver s = Semver.parse(v.startsWith("v") ? v.substring(1) : v);
      return s != null && ranges.isSatisfiedBy(s);
    };
  }
}
