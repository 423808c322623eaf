package dev.daylight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class VersionRangeTest {
  private static List<String> matching(String type, String range, String... versions) {
    Predicate<String> p = VersionRange.parse(type, range);
    return List.of(versions).stream().filter(p).toList();
  }

  @Test
  void npmRangesFollowNodeSemver() {
    assertThat(matching("npm", ">=1.0.16", "1.0.15", "1.0.16", "1.1.0", "2.0.0-beta.1"))
        .containsExactly("1.0.16", "1.1.0", "2.0.0-beta.1");
    assertThat(matching("npm", "^1.0.0", "0.9.9", "1.0.0", "1.9.3", "2.0.0"))
        .containsExactly("1.0.0", "1.9.3");
    assertThat(matching("npm", "~1.0.15", "1.0.14", "1.0.15", "1.0.99", "1.1.0"))
        .containsExactly("1.0.15", "1.0.99");
    assertThat(matching("npm", "1.0.16 - 1.0.18 || 3.x", "1.0.17", "1.0.19", "3.4.5"))
        .containsExactly("1.0.17", "3.4.5");
    assertThat(matching("npm", ">=1.0.16", "not-a-version", "latest")).isEmpty();
  }

  @Test
  void pypiRangesFollowPep440() {
    assertThat(matching("pypi", ">=1.0,<2", "0.9", "1.0", "1.5.post1", "2.0", "2.0rc1"))
        .containsExactly("1.0", "1.5.post1", "2.0rc1");
    assertThat(matching("pypi", "~=1.4.2", "1.4.1", "1.4.2", "1.4.9", "1.5.0"))
        .containsExactly("1.4.2", "1.4.9");
    assertThat(matching("pypi", "==1.0.*", "1.0", "1.0.5", "1.1")).containsExactly("1.0", "1.0.5");
    assertThat(matching("pypi", "!=1.0.1", "1.0.0", "1.0.1")).containsExactly("1.0.0");
    assertThat(matching("pypi", "==1.0", "1.0.0", "1.0+local"))
        .containsExactly("1.0.0", "1.0+local");
  }

  @Test
  void pep440OrdersDevPreFinalPost() {
    List<String> ordered =
        List.of("1.0.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0.post1", "1.1", "1!0.1");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(Pep440.INSTANCE.compare(ordered.get(i - 1), ordered.get(i)))
          .as(ordered.get(i - 1) + " < " + ordered.get(i))
          .isNegative();
    }
  }

  @Test
  void otherEcosystemsTakeAnExactVersionOnly() {
    assertThat(matching("docker", "=1.2", "1.2", "1.3")).containsExactly("1.2");
  }

  @Test
  void garbageRangesAreRefused() {
    assertThatThrownBy(() -> VersionRange.parse("npm", "1.0; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VersionRange.parse("pypi", "1.0 or 2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VersionRange.parse("pypi", "~=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAgentsOrderAndTheFleetsRangesAgreeOnPreReleases() {
    // One order for the agent's verdicts and the collector's incident query: a pre-release of
    // the fixed version is still affected, on both sides.
    assertThat(VersionOrder.forEcosystem("npm").compare("1.0.16-beta.1", "1.0.16")).isNegative();
    assertThat(matching("npm", "<1.0.16", "1.0.16-beta.1", "1.0.16"))
        .containsExactly("1.0.16-beta.1");
    assertThat(VersionOrder.forEcosystem("PyPI").compare("2.0rc1", "2.0")).isNegative();
    assertThat(matching("pypi", "<2.0", "2.0rc1", "2.0")).containsExactly("2.0rc1");
  }
}
