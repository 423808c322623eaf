package dev.daylight.agent.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelTest {
  @TempDir Path tmp;

  static Path realRecords() {
    try {
      return Path.of(IntelTest.class.getResource("/osv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Intel fromRealRecords() throws IOException {
    Intel.Builder b = Intel.builder();
    LoadReport r = b.add(realRecords());
    assertThat(r.records()).isEqualTo(4);
    assertThat(r.errors()).isEmpty();
    return b.build();
  }

  @Test
  void postmarkIsMaliciousFromVersion1016AndTheOfficialScopedPackageIsNot() throws IOException {
    Intel intel = fromRealRecords();
    assertThat(intel.match("npm", "postmark-mcp", "1.0.16"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.advisory().id()).isEqualTo("MAL-2025-47604");
              assertThat(m.advisory().malicious()).isTrue();
              assertThat(m.exact()).isTrue();
            });
    assertThat(intel.match("npm", "postmark-mcp", "1.0.15")).isEmpty();
    assertThat(intel.match("npm", "postmark-mcp", "1.0.99")).hasSize(1);
    assertThat(intel.match("npm", "@activecampaign/postmark-mcp", "1.0.16")).isEmpty();
    assertThat(intel.match("npm", "@activecampaign/postmark-mcp", null)).isEmpty();
    // npm names are case-sensitive.
    assertThat(intel.match("npm", "Postmark-MCP", "1.0.16")).isEmpty();
  }

  @Test
  void anUnknownVersionIsPossiblyAffected() throws IOException {
    assertThat(fromRealRecords().match("npm", "postmark-mcp", null))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.exact()).isFalse();
              assertThat(m.version()).isNull();
            });
  }

  @Test
  void explicitVersionListsAndPep503Names() throws IOException {
    Intel intel = fromRealRecords();
    assertThat(intel.match("npm", "nx", "21.5.0"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2025-41443");
    assertThat(intel.match("npm", "nx", "21.4.0")).isEmpty();
    assertThat(intel.match("PyPI", "DeepSeeek", "0.0.8"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2025-1970");
    assertThat(intel.match("pypi", "deep_seeek", "0.0.8")).isEmpty();
    assertThat(intel.match("PyPI", "deepseeek", "0.0.7")).isEmpty();
  }

  @Test
  void vulnerabilityRecordsCarryTheirRatingAndAreNotMalware() throws IOException {
    Intel intel = fromRealRecords();
    assertThat(intel.match("npm", "mcp-remote", "0.1.15"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.advisory().malicious()).isFalse();
              assertThat(m.advisory().severity()).isEqualTo("CRITICAL");
              assertThat(m.advisory().aliases()).containsExactly("CVE-2025-6514");
              assertThat(m.fixedIn()).isEqualTo("0.1.16");
            });
    assertThat(intel.match("npm", "mcp-remote", "0.1.16")).isEmpty();
  }

  @Test
  void aWithdrawnCopyHidesTheRecordAndAWithdrawnRecordMatchesNothing() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("osv"));
    String postmark = Files.readString(realRecords().resolve("MAL-2025-47604.postmark-mcp.json"));
    Files.writeString(
        dir.resolve("withdrawn.json"),
        postmark.replace(
            "\"modified\": \"2025-09-26T04:14:45Z\"",
            "\"modified\": \"2025-10-01T00:00:00Z\", \"withdrawn\": \"2025-10-01T00:00:00Z\""));
    Files.writeString(
        dir.resolve("other.json"),
        "{\"id\":\"MAL-2099-1\",\"modified\":\"2099-01-01T00:00:00Z\",\"withdrawn\":\"2099-01-01T00:00:00Z\","
            + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad-mcp\"},"
            + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]}");
    Intel.Builder b = Intel.builder().addBundled();
    LoadReport r = b.add(dir);
    assertThat(r.withdrawn()).isEqualTo(2);
    Intel intel = b.build();
    assertThat(intel.match("npm", "postmark-mcp", "1.0.16")).isEmpty();
    assertThat(intel.match("npm", "left-pad-mcp", null)).isEmpty();
    assertThat(intel.match("npm", "nx", "21.5.0")).hasSize(1);
  }

  @Test
  void aPackageFolderNamedLikeAJsonFileIsWalkedNotReadAsARecord() throws IOException {
    // The OpenSSF repository lays records out as osv/malicious/npm/NAME/ID.json, and npm names such
    // as "pattern.json" exist.
    Path dir = Files.createDirectories(tmp.resolve("osv/malicious/npm/pattern.json"));
    Files.writeString(
        dir.resolve("MAL-2099-2.json"),
        "{\"id\":\"MAL-2099-2\",\"modified\":\"2099-01-01T00:00:00Z\","
            + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"pattern.json\"},"
            + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]}");
    Intel.Builder b = Intel.builder();
    LoadReport r = b.add(tmp.resolve("osv"));
    assertThat(r.errors()).isEmpty();
    assertThat(r.records()).isEqualTo(1);
    assertThat(b.build().match("npm", "pattern.json", "1.0.0")).hasSize(1);
  }

  @Test
  void readsAnOsvExportZipAndReportsBadEntries() throws IOException {
    Path zip = tmp.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.list(realRecords())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("broken.json"));
      out.write("{not json".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Intel.Builder b = Intel.builder();
    LoadReport r = b.add(zip);
    assertThat(r.records()).isEqualTo(4);
    assertThat(r.errors()).singleElement().asString().contains("broken.json");
    assertThat(b.build().match("npm", "postmark-mcp", "1.0.16")).hasSize(1);
  }

  @Test
  void storedImportsSurviveARoundTripWithoutDuplicates() throws IOException {
    IntelStore store = new IntelStore(tmp.resolve("state"));
    store.importFrom(realRecords());
    store.importFrom(realRecords());
    Intel.Builder b = Intel.builder();
    store.addTo(b);
    Intel intel = b.build();
    assertThat(intel.size()).isEqualTo(4);
    assertThat(intel.match("npm", "postmark-mcp", "1.0.16")).hasSize(1);
  }

  @Test
  void fleetRecordsAsJsonJoinTheStoreAndAnIntelSourceReloadsOnChange() throws IOException {
    Path state = tmp.resolve("state");
    IntelSource source = new IntelSource(state, java.util.List.of());
    assertThat(source.get().match("npm", "calendar-sync-mcp", "2.0.0")).isEmpty();
    var record =
        dev.daylight.protocol.Json.mapper()
            .readTree(
                "{\"id\":\"MAL-2099-7\",\"modified\":\"2099-01-01T00:00:00Z\",\"unknownField\":{\"x\":1},"
                    + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"calendar-sync-mcp\"},"
                    + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]}");
    LoadReport r =
        new IntelStore(state)
            .importRecords(
                java.util.List.of(record, dev.daylight.protocol.Json.mapper().readTree("[]")));
    assertThat(r.records()).isEqualTo(1);
    assertThat(r.errors()).hasSize(1);
    assertThat(source.get().match("npm", "calendar-sync-mcp", "2.0.0"))
        .extracting(m -> m.advisory().id())
        .containsExactly("MAL-2099-7");
    assertThat(source.get()).isSameAs(source.get());
  }

  @Test
  void manyPackagesOnOneIndexStillFindEachOne() {
    CompactIndex.Builder b = new CompactIndex.Builder();
    for (int i = 0; i < 50_000; i++) {
      b.addLine("npm\tpkg-" + i + "\tMAL-" + i + "\t2025-01-01T00:00:00Z\t\t\t\tSEMVER:i=0\t");
    }
    Intel intel = Intel.of(b.build());
    for (int i = 0; i < 50_000; i += 997) {
      assertThat(intel.match("npm", "pkg-" + i, "1.0.0"))
          .extracting(m -> m.advisory().id())
          .containsExactly("MAL-" + i);
    }
    assertThat(intel.match("npm", "pkg-50000", "1.0.0")).isEmpty();
  }

  @Test
  void theBundledSnapshotIsTheCommittedSourceDataInCompactForm() throws IOException {
    Path compiled = tmp.resolve("compiled.tsv.gz");
    Intel.Builder fromSource = Intel.builder();
    try (var compact = Files.newDirectoryStream(Path.of("src/intel"), "*.tsv.gz")) {
      for (Path p : compact) {
        assertThat(fromSource.add(p).errors()).isEmpty();
      }
    }
    assertThat(fromSource.add(Path.of("src/intel/osv")).errors()).isEmpty();
    fromSource.build().writeCompact(compiled);
    Intel bundled = Intel.bundled();
    Intel.Builder fb = Intel.builder();
    fb.add(compiled);
    Intel fromFile = fb.build();
    assertThat(bundled.size()).isEqualTo(fromFile.size());
    Path bundledOut = tmp.resolve("bundled.tsv.gz");
    bundled.writeCompact(bundledOut);
    try (var a = OsvSources.compactStream(compiled);
        var c = OsvSources.compactStream(bundledOut)) {
      assertThat(new String(c.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(new String(a.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aGzSnapshotBesideTheBundledOneTakesPrecedence() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bundle"));
    Intel.bundled().writeCompact(dir.resolve(Intel.BUNDLED));
    Intel.Builder plainOnly =
        Intel.builder().addSnapshotAt(dir.resolve(Intel.BUNDLED).toUri().toURL());
    assertThat(plainOnly.build().match("npm", "postmark-mcp", "1.0.16")).hasSize(1);

    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(
        other.resolve("x.json"),
        "{\"id\":\"MAL-2099-7\",\"modified\":\"2099-01-01T00:00:00Z\",\"affected\":[{\"package\":"
            + "{\"ecosystem\":\"npm\",\"name\":\"only-in-gz\"},\"versions\":[\"1.0.0\"]}]}");
    Intel.Builder gzSource = Intel.builder();
    gzSource.add(other);
    gzSource.build().writeCompact(dir.resolve(Intel.BUNDLED + ".gz"));
    Intel withGz =
        Intel.builder().addSnapshotAt(dir.resolve(Intel.BUNDLED).toUri().toURL()).build();
    assertThat(withGz.match("npm", "only-in-gz", "1.0.0")).hasSize(1);
    assertThat(withGz.match("npm", "postmark-mcp", "1.0.16")).as("the .tsv is not read").isEmpty();
  }

  @Test
  void insideAJarTheGzBesideTheSnapshotIsFoundAndAnAbsentOneIsNoError() throws IOException {
    Path tsv = tmp.resolve("plain.tsv");
    Intel.bundled().writeCompact(tsv);
    Path other = Files.createDirectories(tmp.resolve("only"));
    Files.writeString(
        other.resolve("x.json"),
        "{\"id\":\"MAL-2099-8\",\"modified\":\"2099-01-01T00:00:00Z\",\"affected\":[{\"package\":"
            + "{\"ecosystem\":\"npm\",\"name\":\"only-in-jar-gz\"},\"versions\":[\"1.0.0\"]}]}");
    Intel.Builder gzSource = Intel.builder();
    gzSource.add(other);
    Path gz = tmp.resolve("snapshot.tsv.gz");
    gzSource.build().writeCompact(gz);
    String dir = "dev/daylight/agent/intel/";
    Path without = tmp.resolve("without.jar");
    Path with = tmp.resolve("with.jar");
    for (Path jar : List.of(without, with)) {
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new ZipEntry(dir + Intel.BUNDLED));
        out.write(Files.readAllBytes(tsv));
        out.closeEntry();
        if (jar == with) {
          out.putNextEntry(new ZipEntry(dir + Intel.BUNDLED + ".gz"));
          out.write(Files.readAllBytes(gz));
          out.closeEntry();
        }
      }
    }
    Intel plain =
        Intel.builder()
            .addSnapshotAt(new java.net.URL("jar:" + without.toUri() + "!/" + dir + Intel.BUNDLED))
            .build();
    assertThat(plain.match("npm", "postmark-mcp", "1.0.16")).hasSize(1);
    Intel fromGz =
        Intel.builder()
            .addSnapshotAt(new java.net.URL("jar:" + with.toUri() + "!/" + dir + Intel.BUNDLED))
            .build();
    assertThat(fromGz.match("npm", "only-in-jar-gz", "1.0.0")).hasSize(1);
    assertThat(fromGz.match("npm", "postmark-mcp", "1.0.16")).isEmpty();
  }
}
