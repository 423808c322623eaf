package dev.daylight.agent.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Caps for every parser a scan runs on files users write (JSON, JSONC, YAML, TOML; XML and plists
 * set the same depth on the JDK parser). Real configs nest a dozen levels at most; a file nested
 * thousands deep would otherwise cost the parser (or the tree built from it) its stack.
 */
public final class Limits {
  /** Deepest nesting of objects, arrays, tables or elements a config may have. */
  public static final int MAX_DEPTH = 64;

  /** Largest text a config parser is given (the file cap is the same). */
  public static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

  public static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();

  private Limits() {}

  /**
   * A JSON parser factory with {@link #CONSTRAINTS}: every parser of untrusted JSON comes from one.
   */
  public static com.fasterxml.jackson.core.JsonFactory jsonFactory() {
    return com.fasterxml.jackson.core.JsonFactory.builder()
        .streamReadConstraints(CONSTRAINTS)
        .build();
  }

  /** SnakeYAML's own caps under Jackson's YAML parser: depth, alias expansion, size. */
  public static LoaderOptions yamlOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setMaxAliasesForCollections(20);
    o.setAllowRecursiveKeys(false);
    o.setCodePointLimit(MAX_CODE_POINTS);
    return o;
  }
}
