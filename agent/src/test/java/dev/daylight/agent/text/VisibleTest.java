package dev.daylight.agent.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTest {
  @Test
  void controlAndFormatCharactersBecomeVisibleEscapes() {
    assertThat(Visible.of("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
    assertThat(Visible.of("\u001b[2J\u0007\u007f\u0085")).isEqualTo("\\x1b[2J\\x07\\x7f\\x85");
    assertThat(Visible.of("abc\u202edef\u2066\u200b\ufeff\u2028"))
        .isEqualTo("abc\\u202edef\\u2066\\u200b\\ufeff\\u2028");
    assertThat(Visible.of("lone \ud800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    assertThat(Visible.of("tag \udb40\udc01"))
        .isEqualTo("tag \\udb40\\udc01"); // U+E0001, a format character
  }

  @Test
  void printableTextIsKeptAsItIs() {
    String plain = "Grüße, 日本語, emoji \ud83d\ude00, back\\slash";
    assertThat(Visible.of(plain)).isSameAs(plain);
    assertThat(Visible.of((String) null)).isNull();
  }

  @Test
  void applyingTwiceChangesNothingMore() {
    String once = Visible.of("x\n\u001b\u202e");
    assertThat(Visible.of(once)).isEqualTo(once);
  }

  @Test
  void linesKeepTheirBreaksAndIndentOnly() {
    assertThat(Visible.lines("boom \u001b[31m\n\tat a.B(C.java:1)\r\n\tat x\ty\n"))
        .isEqualTo("boom \\x1b[31m\n\tat a.B(C.java:1)\r\n\tat x\\ty\n");
  }

  @Test
  void clipCutsAfterEscaping() {
    assertThat(Visible.clip("ab\ncd", 5)).isEqualTo("ab\\n…");
    assertThat(Visible.clip("short", 10)).isEqualTo("short");
  }
}
