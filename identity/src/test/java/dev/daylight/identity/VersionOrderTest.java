package dev.daylight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

  private static void assertAscending(VersionOrder order, String... versions) {
    List<String> shuffled = new ArrayList<>(List.of(versions));
    Collections.reverse(shuffled);
    shuffled.sort(order);
    assertThat(shuffled).containsExactly(versions);
    for (int i = 0; i + 1 < versions.length; i++) {
      assertThat(order.compare(versions[i], versions[i + 1]))
          .as(versions[i] + " < " + versions[i + 1])
          .isNegative();
      assertThat(order.compare(versions[i + 1], versions[i])).isPositive();
    }
  }

  @Test
  void semverFollowsTheSpecPrecedenceExample() {
    // The precedence example of semver.org section 11, plus numeric (not string) ordering.
    assertAscending(
        VersionOrder.semver(),
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.2",
        "1.0.10",
        "1.0.16",
        "1.2.0",
        "10.0.0");
  }

  @Test
  void semverIgnoresBuildMetadataAndLeadingV() {
    assertThat(VersionOrder.semver().compare("1.0.16+build.5", "1.0.16")).isZero();
    assertThat(VersionOrder.semver().compare("v1.0.16", "1.0.16")).isZero();
    assertThat(VersionOrder.semver().valid("1.0.16")).isTrue();
    assertThat(VersionOrder.semver().valid("latest")).isFalse();
  }

  @Test
  void pep440OrdersDevPreReleasePostAndLocal() {
    // The ordering example of PEP 440 "Summary of permitted suffixes and relative ordering".
    assertAscending(
        Pep440.INSTANCE,
        "1.0.dev456",
        "1.0a1",
        "1.0a2.dev456",
        "1.0a12.dev456",
        "1.0a12",
        "1.0b1.dev456",
        "1.0b2",
        "1.0b2.post345.dev456",
        "1.0b2.post345",
        "1.0rc1.dev456",
        "1.0rc1",
        "1.0",
        "1.0+abc.5",
        "1.0+abc.7",
        "1.0+5",
        "1.0.post456.dev34",
        "1.0.post456",
        "1.1.dev1");
  }

  @Test
  void pep440NormalisesSpellings() {
    Pep440 o = Pep440.INSTANCE;
    assertThat(o.compare("1.0", "1.0.0")).isZero();
    assertThat(o.compare("1.0alpha1", "1.0a1")).isZero();
    assertThat(o.compare("1.0-1", "1.0.post1")).isZero();
    assertThat(o.compare("1!0.1", "2.0")).isPositive();
    assertThat(o.compare("0.0.10", "0.0.8")).isPositive();
  }

  @Test
  void ecosystemPicksItsOrder() {
    assertThat(VersionOrder.forEcosystem("npm")).isSameAs(VersionOrder.semver());
    assertThat(VersionOrder.forEcosystem("PyPI")).isSameAs(Pep440.INSTANCE);
    assertThat(VersionOrder.forEcosystem("pypi")).isSameAs(Pep440.INSTANCE);
    assertThat(VersionOrder.forEcosystem("Debian:12").compare("1.10", "1.9")).isPositive();
  }
}
