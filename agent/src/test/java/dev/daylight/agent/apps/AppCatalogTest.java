package dev.daylight.agent.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** known-apps.json read from the tree must equal what record binding reads. */
class AppCatalogTest {
  @Test
  void readsAsRecordBindingReadsIt() throws IOException {
    AppCatalog bound;
    try (InputStream in = AppCatalog.class.getResourceAsStream("known-apps.json")) {
      bound = Json.mapper().readValue(in, AppCatalog.class);
    }
    AppCatalog read = AppCatalog.load();
    assertThat(read).isEqualTo(bound);
    assertThat(read.apps()).hasSizeGreaterThan(10);
    assertThat(read.apps()).anySatisfy(a -> assertThat(a.ports()).isNotEmpty());
    assertThat(read.extensions()).isNotEmpty();
  }
}
