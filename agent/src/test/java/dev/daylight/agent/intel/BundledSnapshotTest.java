package dev.daylight.agent.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot the build makes from the committed malicious-packages data and ships in the jar. */
class BundledSnapshotTest {
  @TempDir Path tmp;

  private final Intel bundled = Intel.bundled();

  @Test
  void realRecordsOfBothEcosystemsMatchTheirAffectedVersionsOnly() {
    assertThat(bundled.match("npm", "postmark-mcp", "1.0.16"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2025-47604");
    assertThat(bundled.match("npm", "postmark-mcp", "1.0.15")).isEmpty();
    assertThat(bundled.match("npm", "@ctrl/tinycolor", "4.1.2"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2025-47141");
    assertThat(bundled.match("npm", "nx", "21.5.0"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2025-41443");
    assertThat(bundled.match("npm", "nx", "21.4.0")).isEmpty();
    // PyPI names are normalised: LiteLLM, lite_llm-style spellings find the same record.
    assertThat(bundled.match("PyPI", "LiteLLM", "1.82.7"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2026-2144");
    assertThat(bundled.match("pypi", "litellm", "1.82.6")).isEmpty();
    assertThat(bundled.match("PyPI", "deepseeek", "0.0.8")).hasSize(1);
  }

  @Test
  void withdrawnRecordsNeverMatchEvenWhereAnOlderCopyWasMalicious() {
    // MAL-2026-4377 is in the data twice: as published (6.0.0 malicious) and, newer, withdrawn.
    assertThat(bundled.match("npm", "@ctrl/plex", "6.0.0")).isEmpty();
    assertThat(bundled.match("npm", "@ctrl/plex", null)).isEmpty();
    assertThat(bundled.match("npm", "@atlisp/mcp", "1.6.10")).isEmpty();
  }

  @Test
  void theJarSaysWhereTheDataCameFromItsLicenceDateAndSize() throws IOException {
    BundledInfo info = BundledInfo.load().orElseThrow();
    assertThat(info.source()).contains("OpenSSF Malicious Packages");
    assertThat(info.licence()).contains("Apache-2.0");
    assertThat(info.lines()).isEqualTo(bundled.size());
    // The whole npm and PyPI data of the copy SOURCE.properties names, not a seed of a few records.
    assertThat(info.lines()).isGreaterThan(30_000);
    assertThat(info.withdrawn()).isGreaterThanOrEqualTo(2);
    assertThat(info.linesPerEcosystem().get("npm")).isGreaterThan(20_000);
    assertThat(info.linesPerEcosystem().get("PyPI")).isGreaterThan(9_000);
    // The date the bulk is complete to (SOURCE.properties' dataDate), not the newest verbatim
    // record.
    assertThat(info.dataDate()).contains(Instant.parse("2025-06-04T02:56:31Z"));
    assertThat(info.bytes()).isPositive();
  }

  @Test
  void theBuildStepCompilesCompactFilesAndRecordsAndRefusesBrokenOnes() throws IOException {
    Path source = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(source.resolve("SOURCE.properties"), "source=test\nlicence=Apache-2.0\n");
    Intel.Builder full = Intel.builder();
    full.add(Path.of("src/intel/osv/malicious/npm/postmark-mcp"));
    full.build().writeCompact(source.resolve("malicious-packages.tsv.gz"));
    Path records = Files.createDirectories(source.resolve("osv/x"));
    Files.copy(
        Path.of("src/intel/osv/malicious/pypi/litellm/MAL-2026-2144.json"),
        records.resolve("a.json"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    BundledSnapshotBuild.main(new String[] {source.toString(), out.toString()});
    Intel.Builder b = Intel.builder();
    b.add(out.resolve(Intel.BUNDLED + ".gz"));
    Intel built = b.build();
    assertThat(built.match("npm", "postmark-mcp", "1.0.16")).hasSize(1);
    assertThat(built.match("PyPI", "litellm", "1.82.8")).hasSize(1);
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(out.resolve(BundledInfo.FILE))) {
      p.load(in);
    }
    assertThat(p)
        .containsEntry("lines", "2")
        .containsEntry("lines.npm", "1")
        .containsEntry("licence", "Apache-2.0")
        .containsEntry("dataDate", "2026-03-26T09:53:17Z");

    Files.writeString(records.resolve("broken.json"), "{not json");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BundledSnapshotBuild.main(new String[] {source.toString(), out.toString()}))
        .hasMessageContaining("unreadable");
  }
}
