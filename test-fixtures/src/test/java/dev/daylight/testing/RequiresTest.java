package dev.daylight.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test with its message, and fails it when CI requires every tool. */
class RequiresTest {
  @Test
  void aMissingToolSkipsWithItsMessage() {
    assertThatThrownBy(() -> Requires.that(false, false, "chromium not installed"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("chromium not installed");
    assertThat(Requires.enabledIf(false, false, "no X display").isDisabled()).isTrue();
    assertThat(Requires.enabledIf(false, false, "no X display").getReason())
        .hasValue("no X display");
  }

  @Test
  void underTheSwitchAMissingToolFailsTheTest() {
    assertThatThrownBy(() -> Requires.that(true, false, "chromium not installed"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(Requires.ALL + "=1")
        .hasMessageContaining("chromium not installed");
    assertThatThrownBy(() -> Requires.enabledIf(true, false, "no X display"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("no X display");
  }

  @Test
  void aPresentToolLetsTheTestRunEitherWay() {
    assertThatCode(() -> Requires.that(true, true, "unused")).doesNotThrowAnyException();
    assertThatCode(() -> Requires.that(false, true, "unused")).doesNotThrowAnyException();
    assertThat(Requires.enabledIf(true, true, "unused").isDisabled()).isFalse();
  }

  @Test
  void findsToolsOnPathOnly() {
    assertThat(Requires.find("sh")).isPresent();
    assertThat(Requires.find("no-such-tool-daylight")).isEmpty();
  }
}
