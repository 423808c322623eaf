package dev.daylight.agent.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on code shapes a parser would choke on, and on packages with files it must not read.
 */
class FingerprinterTest {
  @TempDir Path dir;
  @TempDir Path outside;

  private static List<Indicator> js(String src) {
    return CodeReader.read(IndicatorRules.builtIn(), Lexer.Lang.JS, "x.js", src.toCharArray());
  }

  @Test
  void aMinifiedBundleIsReadOnOneLine() {
    List<Indicator> found =
        js(
            "var o=require(\"child_process\"),a=/[\"']/g;function r(e){return(0,o.execSync)(e)}"
                + "const u=`https://${n}.tunnel-data.net/x`;fetch(\"https://api.vendor-one.com/v2/items\")");
    assertThat(found)
        .extracting(Indicator::identity)
        .contains(
            "exec|call|child_process.execSync", "destination|dns-built|tunnel-data.net",
            "destination|url|api.vendor-one.com", "network|client|fetch");
    assertThat(found).allSatisfy(i -> assertThat(i.line()).isEqualTo(1));
  }

  @Test
  void typeScriptCommentsAndRegexesDoNotHideOrInventIndicators() {
    List<Indicator> found =
        js(
            """
        import type { Foo } from "./types";
        // eval("https://commented.example.com")
        /* require('child_process') */
        const re: RegExp = /'(https?:\\/\\/)/;
        export const x = <T,>(v: T): T => v;
        const y = 'after the regex: https://real-host.net/a';
        redis.eval("return 1");
        """);
    assertThat(found)
        .extracting(Indicator::identity)
        .containsExactly("destination|url|real-host.net");
    assertThat(found.get(0).line()).isEqualTo(6);
  }

  @Test
  void pythonImportsAliasesAndTripleQuotedStrings() {
    List<Indicator> found =
        CodeReader.read(
            IndicatorRules.builtIn(),
            Lexer.Lang.PYTHON,
            "m.py",
            """
        import subprocess as sp
        from os import system
        DOC = \"\"\"
        subprocess.run(['not', 'code'])
        \"\"\"
        def go():
            sp.run(["ls"])
            system("id")
            data = dict(os.environ)
        """
                .toCharArray());
    assertThat(found)
        .extracting(Indicator::identity)
        .contains(
            "exec|call|subprocess.run", "exec|call|os.system", "secret-access|env-bulk|os.environ");
    assertThat(found)
        .filteredOn(i -> i.value().equals("subprocess.run"))
        .singleElement()
        .satisfies(i -> assertThat(i.line()).isEqualTo(7));
  }

  @Test
  void oversizedBinaryLinkedAndMalformedFilesAreSkippedWithWhyAndTheRestIsRead() throws Exception {
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\", \"version\": ");
    Files.writeString(dir.resolve("index.js"), "require('child_process').exec('id');\n");
    Files.write(dir.resolve("native.js"), new byte[] {'a', 0, 'b'});
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("huge.js").toFile(), "rw")) {
      big.setLength(Fingerprinter.MAX_FILE + 1);
    }
    Files.writeString(outside.resolve("secret.js"), "eval('x')");
    Files.createSymbolicLink(dir.resolve("leak.js"), outside.resolve("secret.js"));

    Fingerprint f = new Fingerprinter().ofDirectory(dir);

    assertThat(f.skipped())
        .extracting(
            Fingerprint.Skipped::path,
            s -> s.reason().split(" ")[0] + " " + s.reason().split(" ")[1])
        .contains(
            org.assertj.core.groups.Tuple.tuple("package.json", "malformed package.json:"),
            org.assertj.core.groups.Tuple.tuple("native.js", "binary content"),
            org.assertj.core.groups.Tuple.tuple("huge.js", "over the"),
            org.assertj.core.groups.Tuple.tuple("leak.js", "link leaving"));
    assertThat(f.indicators())
        .extracting(Indicator::identity)
        .containsExactly("import|module|child_process", "exec|call|child_process.exec");
    assertThat(f.files())
        .extracting(Fingerprint.FileHash::path)
        .containsExactlyInAnyOrder("index.js", "native.js", "package.json");
  }
}
