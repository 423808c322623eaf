package dev.daylight.agent.resolve;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.daylight.protocol.PackageRef;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Package specs as written on a launch line to {@link PackageRef}s with purls. */
final class Purls {
  static final String COMMAND_PIN = "command-pin";

  /** The version of the distribution installed where the interpreter finds it. */
  static final String INSTALLED = "installed";

  private static final Pattern NPM = Pattern.compile("^(?:(@[^/@\\s]+)/)?([^/@\\s]+)(?:@(.+))?$");
  private static final Pattern EXACT_SEMVER =
      Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$");
  private static final Pattern PYPI =
      Pattern.compile(
          "^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^\\]]*\\])?\\s*(?:(===?|@)\\s*([^\\s,;]+)|([<>~!=].*))?$");
  private static final Pattern GITHUB =
      Pattern.compile(
          "^(?:git\\+)?(?:https?://|ssh://git@|git@|git://)?github\\.com[/:]([^/]+)/([^/#@]+?)(?:\\.git)?(?:[#@](.+))?$");

  private Purls() {}

  static Optional<PackageRef> of(String ecosystem, String spec) {
    if (spec == null || spec.isBlank()) {
      return Optional.empty();
    }
    try {
      return switch (ecosystem) {
        case "npm" -> npm(spec.trim());
        case "PyPI" -> pypi(spec.trim());
        case "docker" -> docker(spec.trim());
        default -> Optional.of(local(spec));
      };
    } catch (MalformedPackageURLException | RuntimeException e) {
      return Optional.of(local(spec));
    }
  }

  private static Optional<PackageRef> npm(String spec) throws MalformedPackageURLException {
    Optional<PackageRef> source = source(spec);
    if (source.isPresent()) {
      return source;
    }
    if (spec.startsWith("github:")) {
      return source("github.com/" + spec.substring(7));
    }
    if (spec.matches("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(#.*)?$")) {
      return source("github.com/" + spec); // npm's GitHub shorthand user/repo
    }
    Matcher m = NPM.matcher(spec);
    if (!m.matches()) {
      return Optional.of(local(spec));
    }
    String scope = m.group(1);
    String name = m.group(2);
    String version = m.group(3);
    boolean pinned = version != null && EXACT_SEMVER.matcher(version).matches();
    String v = pinned ? version.replaceFirst("^v", "") : null;
    String purl = new PackageURL("npm", scope, name, v, null, null).canonicalize();
    return Optional.of(
        new PackageRef(
            purl,
            "npm",
            scope == null ? name : scope + "/" + name,
            v,
            pinned,
            pinned ? COMMAND_PIN : null));
  }

  private static Optional<PackageRef> pypi(String spec) throws MalformedPackageURLException {
    Optional<PackageRef> source = source(spec);
    if (source.isPresent()) {
      return source;
    }
    Matcher m = PYPI.matcher(spec);
    if (!m.matches()) {
      return Optional.of(local(spec));
    }
    String name = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    String version = m.group(3);
    boolean pinned =
        version != null && !version.equalsIgnoreCase("latest") && !version.contains("*");
    String v = pinned ? version : null;
    String purl = new PackageURL("pypi", null, name, v, null, null).canonicalize();
    return Optional.of(new PackageRef(purl, "PyPI", name, v, pinned, pinned ? COMMAND_PIN : null));
  }

  /** {@code [registry/]path/name[:tag][@sha256:...]}; no tag means {@code latest}, which floats. */
  private static Optional<PackageRef> docker(String image) throws MalformedPackageURLException {
    String ref = image;
    String digest = null;
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = ref.substring(at + 1);
      ref = ref.substring(0, at);
    }
    String tag = null;
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      tag = ref.substring(colon + 1);
      ref = ref.substring(0, colon);
    }
    String registry = null;
    int slash = ref.indexOf('/');
    if (slash > 0) {
      String first = ref.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        ref = ref.substring(slash + 1);
      }
    }
    if (registry != null && (registry.equals("docker.io") || registry.equals("index.docker.io"))) {
      registry = null;
    }
    ref = ref.toLowerCase(Locale.ROOT);
    int last = ref.lastIndexOf('/');
    String ns = last < 0 ? null : ref.substring(0, last);
    String name = ref.substring(last + 1);
    boolean pinned = digest != null || (tag != null && !tag.equals("latest"));
    String version = digest != null ? digest : tag != null ? tag : "latest";
    TreeMap<String, String> q = new TreeMap<>();
    if (registry != null) {
      q.put("repository_url", registry);
    }
    if (digest != null && tag != null) {
      q.put("tag", tag);
    }
    String purl =
        new PackageURL("docker", ns, name, version, q.isEmpty() ? null : q, null).canonicalize();
    String fullName = (registry == null ? "" : registry + "/") + ref;
    return Optional.of(
        new PackageRef(purl, "docker", fullName, version, pinned, pinned ? COMMAND_PIN : null));
  }

  /** git and URL sources: not a registry name, so not an npm or PyPI identity. */
  private static Optional<PackageRef> source(String spec) throws MalformedPackageURLException {
    Matcher gh =
        GITHUB.matcher(spec.startsWith("github.com") ? spec : spec.replaceFirst("^git\\+", "git+"));
    if (gh.matches()) {
      String ref = gh.group(3);
      String purl =
          new PackageURL(
                  "github",
                  gh.group(1).toLowerCase(Locale.ROOT),
                  gh.group(2).toLowerCase(Locale.ROOT),
                  ref,
                  null,
                  null)
              .canonicalize();
      boolean pinned = ref != null && ref.matches("[0-9a-f]{7,40}|v?\\d+\\.\\d+.*");
      return Optional.of(
          new PackageRef(
              purl,
              "github",
              gh.group(1) + "/" + gh.group(2),
              ref,
              pinned,
              pinned ? COMMAND_PIN : null));
    }
    if (spec.matches("(?i)^(git\\+)?(https?|git|ssh|file)://.*") || spec.startsWith("git@")) {
      String tail = spec.replaceAll("[?#].*$", "").replaceAll("/+$", "");
      String name = tail.substring(tail.lastIndexOf('/') + 1);
      TreeMap<String, String> q = new TreeMap<>();
      q.put(spec.startsWith("git") ? "vcs_url" : "download_url", spec);
      String purl =
          new PackageURL("generic", null, name.isEmpty() ? "source" : name, null, q, null)
              .canonicalize();
      return Optional.of(new PackageRef(purl, "generic", spec, null, false, null));
    }
    return Optional.empty();
  }

  /** A distribution found installed on disk: its PyPI identity and the version installed. */
  static PackageRef installedPypi(String name, String version) {
    String purl;
    try {
      purl = new PackageURL("pypi", null, name, version, null, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      return local(name);
    }
    return new PackageRef(purl, "PyPI", name, version, false, version == null ? null : INSTALLED);
  }

  /** A script or binary on disk: named by its path, never by a registry. */
  static PackageRef local(String path) {
    String base = path.replace('\\', '/');
    base = base.replaceAll("/+$", "");
    base = base.substring(base.lastIndexOf('/') + 1);
    String purl;
    try {
      TreeMap<String, String> q = new TreeMap<>();
      q.put("file_path", path);
      purl =
          new PackageURL("generic", null, base.isEmpty() ? "local" : base, null, q, null)
              .canonicalize();
    } catch (MalformedPackageURLException e) {
      purl = "pkg:generic/local";
    }
    return new PackageRef(purl, "local", path, null, false, null);
  }
}
