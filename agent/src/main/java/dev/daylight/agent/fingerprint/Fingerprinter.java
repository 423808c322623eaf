package dev.daylight.agent.fingerprint;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.InstalledPackage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Reads one package version into a {@link Fingerprint}: hashes every file and reads its code as
 * tokens. Bytes only: nothing is executed, imported or installed. Files are read through the home's
 * {@link FileAccess} (a scan may run as root over homes their users write): a file over {@link
 * #MAX_FILE} bytes, a binary code file, a link, a file its home's account could not read or an
 * unreadable file is skipped with why; a malformed manifest is skipped the same way and the rest is
 * still read. One package is read within {@link Limits} (time, bytes, indicators); past them the
 * rest is skipped with why.
 */
public final class Fingerprinter {
  /** Big enough for one bundled package (tens of MB), small enough to bound memory. */
  public static final long MAX_FILE = 32L * 1024 * 1024;

  private static final int BINARY_PROBE = 8192;

  private final IndicatorRules rules = IndicatorRules.builtIn();
  private final Limits limits;

  public Fingerprinter() {
    this(Limits.DEFAULT);
  }

  Fingerprinter(Limits limits) {
    this.limits = limits;
  }

  /** An installed package as the installed scanner found it in the home {@code access} reads. */
  public Fingerprint of(InstalledPackage p, FileAccess access) {
    if (p.installPath() == null || "docker".equals(p.ecosystem())) {
      return Fingerprint.unreadable(
          p.ecosystem(), p.name(), p.version(), p.installPath(), "container images are not read");
    }
    Path dir = Path.of(p.installPath());
    if (!access.mayReadFolder(dir)) {
      return Fingerprint.unreadable(
          p.ecosystem(),
          p.name(),
          p.version(),
          p.installPath(),
          "the package folder leads outside the home or its account cannot read it (not read)");
    }
    long deadline = System.nanoTime() + limits.time().toNanos();
    try {
      PackageFiles.Listing listing = null;
      Path root = dir;
      if ("PyPI".equals(p.ecosystem())) {
        Optional<Path> distInfo = distInfo(dir, p.name());
        if (distInfo.isPresent()) {
          Path site = distInfo.get().getParent();
          listing =
              PackageFiles.record(site, distInfo.get().resolve("RECORD"), access, deadline)
                  .orElse(null);
          root = listing == null ? dir : site;
        }
      }
      if (listing == null) {
        listing = PackageFiles.walk(dir, deadline);
      }
      Fingerprint f = read(root, p.ecosystem(), listing, access, deadline);
      return new Fingerprint(
          p.ecosystem(),
          p.name(),
          p.version(),
          f.root(),
          f.files(),
          f.indicators(),
          f.skipped(),
          null);
    } catch (IOException | RuntimeException e) {
      return Fingerprint.unreadable(
          p.ecosystem(),
          p.name(),
          p.version(),
          p.installPath(),
          "cannot read " + dir + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * An unpacked package folder (a tarball or sdist a reviewer unpacked): ecosystem from its
   * manifest. Read as a home of its own: nothing a link leads to outside it.
   */
  public Fingerprint ofDirectory(Path dir) throws IOException {
    Path real = dir.toRealPath();
    FileAccess access = FileAccess.of(Layout.of(Os.current(), real));
    boolean npm = Files.isRegularFile(dir.resolve("package.json"));
    long deadline = System.nanoTime() + limits.time().toNanos();
    return read(dir, npm ? "npm" : "PyPI", PackageFiles.walk(dir, deadline), access, deadline);
  }

  private Fingerprint read(
      Path root, String ecosystem, PackageFiles.Listing listing, FileAccess access, long deadline) {
    List<Fingerprint.FileHash> hashes = new ArrayList<>();
    List<Indicator> indicators = new ArrayList<>();
    List<Fingerprint.Skipped> skipped = new ArrayList<>(listing.skipped());
    String name = null;
    String version = null;
    long bytesLeft = limits.totalBytes();
    List<PackageFiles.Entry> files = listing.files();
    for (int k = 0; k < files.size(); k++) {
      PackageFiles.Entry e = files.get(k);
      String rel = e.relative();
      String stop = limits.stop(deadline, indicators.size());
      if (stop != null) {
        skipped.add(new Fingerprint.Skipped(rel, stop + rest(files.size() - k - 1)));
        break;
      }
      try {
        long size =
            Files.readAttributes(e.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .size();
        if (size > MAX_FILE) {
          skipped.add(
              new Fingerprint.Skipped(
                  rel,
                  "over the size cap ("
                      + size / (1024 * 1024)
                      + " MB > "
                      + MAX_FILE / (1024 * 1024)
                      + " MB)"));
          continue;
        }
        if (size > bytesLeft) {
          skipped.add(
              new Fingerprint.Skipped(
                  rel,
                  "over the limit of "
                      + limits.totalBytes() / (1024 * 1024)
                      + " MB read per package"
                      + rest(files.size() - k - 1)));
          break;
        }
        FileAccess.Read read = access.read(e.path(), Math.min(MAX_FILE, bytesLeft));
        if (!(read instanceof FileAccess.Content content)) {
          skipped.add(
              new Fingerprint.Skipped(
                  rel,
                  read instanceof FileAccess.Refused r
                      ? "not read: " + r.reason()
                      : "gone before it was read"));
          continue;
        }
        byte[] bytes = content.bytes();
        bytesLeft -= bytes.length;
        hashes.add(new Fingerprint.FileHash(rel, DigestUtils.sha256Hex(bytes), bytes.length));
        String base = rel.substring(rel.lastIndexOf('/') + 1);
        if (rel.equals("package.json")) {
          try {
            PackageManifest.Identity id = PackageManifest.npmIdentity(bytes);
            name = id.name();
            version = id.version();
            indicators.addAll(PackageManifest.npm(rules, rel, bytes));
          } catch (IOException bad) {
            skipped.add(
                new Fingerprint.Skipped(
                    rel, "malformed package.json: " + firstLine(bad.getMessage())));
          }
          continue;
        }
        if ((base.equals("METADATA") && rel.contains(".dist-info/")) || rel.equals("PKG-INFO")) {
          PackageManifest.Identity id = PackageManifest.coreIdentity(bytes);
          if (name == null || rel.equals("PKG-INFO")) {
            name = id.name();
            version = id.version();
          }
          indicators.addAll(PackageManifest.core(rel, bytes));
          continue;
        }
        if (rel.equals("manifest.json")) {
          indicators.addAll(PackageManifest.mcpbTools(rel, bytes));
          continue;
        }
        Optional<Lexer.Lang> lang = language(base, bytes);
        if (base.endsWith(".pth")) {
          indicators.addAll(PackageManifest.pth(rel, text(bytes)));
        } else if (lang.isPresent()) {
          if (binary(bytes)) {
            skipped.add(new Fingerprint.Skipped(rel, "binary content in a code file (not read)"));
            continue;
          }
          String text = text(bytes);
          if (rel.equals("setup.py")) {
            indicators.addAll(PackageManifest.setupPy(rel, text));
          }
          indicators.addAll(CodeReader.read(rules, lang.get(), rel, text.toCharArray()));
        }
      } catch (IOException | RuntimeException bad) {
        skipped.add(new Fingerprint.Skipped(rel, "unreadable: " + bad.getClass().getSimpleName()));
      }
    }
    if (indicators.size() > limits.indicators()) {
      indicators.subList(limits.indicators(), indicators.size()).clear();
    }
    return new Fingerprint(
        ecosystem,
        name,
        version,
        root.toAbsolutePath().toString(),
        hashes,
        indicators,
        skipped,
        null);
  }

  private static String rest(int after) {
    return after == 0 ? " (not read)" : " (it and the " + after + " files after it not read)";
  }

  /**
   * True when an install hook's command downloads something and runs it ({@code curl ... | sh}).
   */
  public static boolean downloadsAndRuns(String command) {
    return IndicatorRules.builtIn().downloadsAndRuns(command);
  }

  static Optional<Lexer.Lang> language(String base, byte[] bytes) {
    String b = base.toLowerCase(Locale.ROOT);
    if (b.endsWith(".d.ts") || b.endsWith(".d.mts") || b.endsWith(".d.cts")) {
      return Optional.empty();
    }
    for (String ext : new String[] {".js", ".cjs", ".mjs", ".jsx", ".ts", ".tsx", ".mts", ".cts"}) {
      if (b.endsWith(ext)) {
        return Optional.of(Lexer.Lang.JS);
      }
    }
    if (b.endsWith(".py") || b.endsWith(".pyw")) {
      return Optional.of(Lexer.Lang.PYTHON);
    }
    if (b.indexOf('.') < 0 && bytes.length > 2 && bytes[0] == '#' && bytes[1] == '!') {
      String first = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.ISO_8859_1);
      if (first.contains("node") || first.contains("bun") || first.contains("deno")) {
        return Optional.of(Lexer.Lang.JS);
      }
      if (first.contains("python")) {
        return Optional.of(Lexer.Lang.PYTHON);
      }
    }
    return Optional.empty();
  }

  private static boolean binary(byte[] bytes) {
    for (int k = 0; k < Math.min(bytes.length, BINARY_PROBE); k++) {
      if (bytes[k] == 0) {
        return true;
      }
    }
    return false;
  }

  /** UTF-8 with bad bytes replaced: a reader of hostile files never throws on encoding. */
  private static String text(byte[] bytes) {
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes));
      return cb.toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static Optional<Path> distInfo(Path dir, String name) throws IOException {
    String want = normal(name);
    if (dir.getFileName() != null && dir.getFileName().toString().endsWith(".dist-info")) {
      return Optional.of(dir);
    }
    try (Stream<Path> s =
        Files.find(
            dir,
            5,
            (p, a) -> a.isDirectory() && p.getFileName().toString().endsWith(".dist-info"))) {
      return s.filter(
              p ->
                  normal(p.getFileName().toString().replaceFirst("-[^-]*\\.dist-info$", ""))
                      .equals(want))
          .sorted()
          .findFirst();
    }
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
