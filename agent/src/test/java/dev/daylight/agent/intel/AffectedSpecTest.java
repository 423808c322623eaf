package dev.daylight.agent.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.identity.VersionOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffectedSpecTest {
  private static final VersionOrder NPM = VersionOrder.forEcosystem("npm");
  private static final VersionOrder PYPI = VersionOrder.forEcosystem("PyPI");

  private static AffectedSpec spec(String encoded) {
    return CompactFormat.decodeSpec(encoded);
  }

  @Test
  void introducedOnlyCoversThatVersionAndEveryLaterOne() {
    AffectedSpec s = spec("SEMVER:i=1.0.16");
    assertThat(s.affects("1.0.15", NPM)).isFalse();
    assertThat(s.affects("1.0.16", NPM)).isTrue();
    assertThat(s.affects("1.0.17-beta.1", NPM)).isTrue();
    assertThat(s.affects("2.0.0", NPM)).isTrue();
    assertThat(s.affects("1.0.16-rc.1", NPM)).isFalse();
  }

  @Test
  void introducedZeroCoversEverything() {
    AffectedSpec s = spec("SEMVER:i=0");
    assertThat(s.affects("0.0.1", NPM)).isTrue();
    assertThat(s.affects("0.0.0-alpha", NPM)).isTrue();
    assertThat(s.anyAffected()).isTrue();
  }

  @Test
  void fixedIsExclusive() {
    AffectedSpec s = spec("ECOSYSTEM:i=0.0.5,f=0.1.16");
    assertThat(s.affects("0.0.4", NPM)).isFalse();
    assertThat(s.affects("0.0.5", NPM)).isTrue();
    assertThat(s.affects("0.1.15", NPM)).isTrue();
    assertThat(s.affects("0.1.16", NPM)).isFalse();
    assertThat(s.affects("0.1.16-rc.1", NPM)).isTrue();
  }

  @Test
  void lastAffectedIsInclusive() {
    AffectedSpec s = spec("SEMVER:i=0,l=2.3.4");
    assertThat(s.affects("2.3.4", NPM)).isTrue();
    assertThat(s.affects("2.3.5", NPM)).isFalse();
  }

  @Test
  void severalIntroducedFixedPairsInOneRange() {
    // Events in any order: the schema does not require them sorted.
    AffectedSpec s = spec("SEMVER:f=3.0.0,i=2.5.0,f=1.2.0,i=1.0.0");
    assertThat(s.affects("0.9.0", NPM)).isFalse();
    assertThat(s.affects("1.1.0", NPM)).isTrue();
    assertThat(s.affects("2.0.0", NPM)).isFalse();
    assertThat(s.affects("2.9.9", NPM)).isTrue();
    assertThat(s.affects("3.0.0", NPM)).isFalse();
  }

  @Test
  void explicitVersionsMatchExactlyAndPep440Equivalents() {
    AffectedSpec s = spec("V:20.9.0,20.10.0,21.5.0");
    assertThat(s.affects("20.10.0", NPM)).isTrue();
    assertThat(s.affects("20.10.1", NPM)).isFalse();
    assertThat(spec("V:0.0.8").affects("0.0.8.0", PYPI)).isTrue();
    assertThat(spec("V:0.0.8").affects("0.0.9", PYPI)).isFalse();
  }

  @Test
  void pypiEcosystemRangesUsePep440() {
    AffectedSpec s = spec("ECOSYSTEM:i=1.0,f=1.0.post1");
    assertThat(s.affects("1.0", PYPI)).isTrue();
    assertThat(s.affects("1.0.post1", PYPI)).isFalse();
    assertThat(s.affects("1.0rc1", PYPI)).isFalse();
  }

  @Test
  void gitRangesAreIgnoredAndARangeWithoutIntroducedCoversNothing() {
    OsvRecord.Affected a =
        new OsvRecord.Affected(
            new OsvRecord.Pkg("npm", "x", null),
            List.of(
                new OsvRecord.Range(
                    "GIT", List.of(new OsvRecord.Event("abc123", null, null, null)))),
            List.of());
    AffectedSpec s = AffectedSpec.of(a);
    assertThat(s.ranges()).isEmpty();
    assertThat(s.anyAffected()).isFalse();
    assertThat(spec("SEMVER:f=1.0.0").anyAffected()).isFalse();
  }

  @Test
  void specSurvivesTheCompactFormWithAwkwardVersions() {
    AffectedSpec s = spec(CompactFormat.encodeSpec(spec("V:" + CompactFormat.escape("1,0|x%"))));
    assertThat(s.versions()).containsExactly("1,0|x%");
  }
}
