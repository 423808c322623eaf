package dev.daylight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantDeserializerTest {
  private static Instant read(String json) throws Exception {
    return Json.mapper().readValue(json, Instant.class);
  }

  @Test
  void readsWhatInstantWritesExactlyAsInstantParseDoes() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              rnd.nextLong(-62_135_596_800L, 253_402_300_799L), rnd.nextInt(1_000_000_000));
      // Instant.toString trims the fraction to 0, 3, 6 or 9 digits; cover every length in between
      // too.
      String text = t.toString();
      assertThat(IsoInstantDeserializer.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
      String trimmed = text.replaceFirst("(\\.\\d{" + (1 + i % 9) + "})\\d*Z$", "$1Z");
      assertThat(IsoInstantDeserializer.parseUtc(trimmed))
          .as(trimmed)
          .isEqualTo(Instant.parse(trimmed));
    }
  }

  @Test
  void otherFormsStillGoThroughJacksonAndBadDatesAreStillRefused() throws Exception {
    assertThat(IsoInstantDeserializer.parseUtc("2026-11-25T09:00:00+02:00")).isNull();
    assertThat(read("\"2026-11-25T09:00:00+02:00\""))
        .isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
    // ISO_INSTANT reads 24:00 as the next midnight; the fast path leaves it to it.
    assertThat(IsoInstantDeserializer.parseUtc("2026-11-25T24:00:00Z")).isNull();
    assertThat(read("\"2026-11-25T24:00:00Z\"")).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    assertThat(read("\"2026-11-25T07:50:16.Z\"")).isEqualTo(Instant.parse("2026-11-25T07:50:16Z"));
    assertThat(read("1764057600.5")).isEqualTo(Instant.ofEpochSecond(1_764_057_600L, 500_000_000));
    assertThat(read("\"2026-11-25T07:50:16.123456Z\""))
        .isEqualTo(Instant.parse("2026-11-25T07:50:16.123456Z"));
    for (String bad :
        new String[] {
          "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25 07:50:16Z", "not a time"
        }) {
      assertThat(IsoInstantDeserializer.parseUtc(bad)).as(bad).isNull();
      assertThatThrownBy(() -> read("\"" + bad + "\""))
          .as(bad)
          .isInstanceOf(JsonMappingException.class);
    }
  }
}
