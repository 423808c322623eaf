package dev.daylight.agent.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tree reader must give exactly what record binding gave for the same file. */
class CatalogReaderTest {
  private static Catalog bound(InputStream in) throws IOException {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build()
        .readValue(in, Catalog.class);
  }

  @Test
  void theBuiltInCatalogReadsAsRecordBindingReadsIt() throws IOException {
    Catalog expected;
    try (InputStream in = Catalog.class.getResourceAsStream("clients.json")) {
      expected = bound(in);
    }
    assertThat(Catalog.builtIn()).isEqualTo(expected);
    assertThat(Catalog.builtIn().clients()).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void absentFieldsAndUnknownOnesAsBindingTreatsThem() throws IOException {
    String text =
        "{\"future\": 1, \"walk\": {\"descendIntoHidden\": true}, \"clients\": [{\"id\": \"x\","
            + " \"extra\": [1], \"files\": [{\"path\": \"{home}/a.toml\", \"format\": \"toml\", \"flat\": true}],"
            + " \"registries\": [{\"path\": \"{home}/r.json\", \"keysOf\": \"projects\"}]}]}";
    Catalog tree = Catalog.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(tree)
        .isEqualTo(bound(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    assertThat(tree.dialect()).isNull();
    assertThat(tree.clients().get(0).files().get(0).format()).isEqualTo(Catalog.Format.TOML);
    assertThat(tree.clients().get(0).files().get(0).scope()).isEqualTo("project");
  }
}
