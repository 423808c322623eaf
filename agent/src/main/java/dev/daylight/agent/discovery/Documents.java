package dev.daylight.agent.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.daylight.agent.catalog.Catalog.Format;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.agent.json.Limits;
import dev.daylight.agent.platform.FileAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and parses config files. Every failure becomes a short reason naming a line and column at
 * most: parser messages are never passed on, because they quote the file, and the file may hold
 * secrets.
 */
final class Documents {
  /** Larger than any real config; Claude Code's history-laden ~/.claude.json stays well below. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .streamReadConstraints(Limits.CONSTRAINTS)
          .build();
  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .loaderOptions(Limits.yamlOptions())
          .streamReadConstraints(Limits.CONSTRAINTS)
          .build();
  private static final TomlFactory TOML =
      TomlFactory.builder().streamReadConstraints(Limits.CONSTRAINTS).build();
  private static final Pattern TOML_TABLE =
      Pattern.compile("^\\s*\\[{1,2}\\s*([^\\]]+?)\\s*\\]{1,2}\\s*(?:#.*)?\\r?$");
  private static final Pattern TOML_INLINE =
      Pattern.compile(
          "^\\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)(?:\\s*\\.\\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+))*)\\s*=\\s*\\{");
  private static final Pattern TOML_KEY =
      Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([A-Za-z0-9_-]+))\\s*\\.?");

  private Documents() {}

  /** Outcome of reading one file: a document, nothing (absent), or a reason it failed. */
  sealed interface Outcome {}

  record Parsed(Doc doc) implements Outcome {}

  record Absent() implements Outcome {}

  record Failed(String reason) implements Outcome {}

  static Outcome load(FileAccess access, Path path, Format format) {
    FileAccess.Read read = access.read(path, MAX_BYTES);
    if (read instanceof FileAccess.Refused r) {
      return new Failed(r.reason());
    }
    if (!(read instanceof FileAccess.Content c)) {
      return new Absent();
    }
    String text;
    try {
      text = decode(c.bytes());
    } catch (CharacterCodingException e) {
      return new Failed("binary or not UTF-8 text");
    }
    if (text.indexOf('\0') >= 0) {
      return new Failed("binary file");
    }
    return parse(text, format);
  }

  static Outcome parse(String text, Format format) {
    if (text.isBlank()) {
      return new Parsed(new Doc(null, Map.of(), text));
    }
    try {
      return switch (format) {
        case JSON -> new Parsed(LocatingTreeBuilder.build(JSON.createParser(text), text));
        case YAML -> new Parsed(yaml(text));
        case TOML -> new Parsed(toml(text));
        case XML -> new Parsed(new Doc(null, Map.of(), text));
      };
    } catch (StreamConstraintsException e) {
      return new Failed(
          format.name()
              + " nested deeper than "
              + Limits.MAX_DEPTH
              + " levels or too large, not read");
    } catch (JsonProcessingException e) {
      return new Failed("malformed " + format.name() + where(e.getLocation()));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return new Failed("malformed " + format.name() + " (truncated or invalid)");
    }
  }

  private static Doc yaml(String text) throws IOException {
    try (JsonParser p = YAML.createParser(text)) {
      return LocatingTreeBuilder.build(p, text);
    }
  }

  /**
   * Jackson's TOML parser keeps no locations; table headers and inline-table keys give the lines.
   */
  private static Doc toml(String text) throws IOException {
    JsonNode root;
    try (JsonParser p = TOML.createParser(text)) {
      root = JsonTrees.read(p);
    }
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> arrayCounts = new HashMap<>();
    String table = "";
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      Matcher header = TOML_TABLE.matcher(all[i]);
      if (header.matches()) {
        table = tomlPointer(header.group(1));
        if (all[i].trim().startsWith("[[")) {
          table = table + "/" + (arrayCounts.merge(table, 1, Integer::sum) - 1);
        }
        lines.putIfAbsent(table, i + 1);
        continue;
      }
      Matcher inline = TOML_INLINE.matcher(all[i]);
      if (inline.lookingAt()) {
        lines.putIfAbsent(table + tomlPointer(inline.group(1)), i + 1);
      }
    }
    return new Doc(root, Map.copyOf(lines), text);
  }

  /** {@code mcp_servers."my server"} becomes {@code /mcp_servers/my server}. */
  static String tomlPointer(String dotted) {
    String pointer = "";
    Matcher key = TOML_KEY.matcher(dotted);
    int at = 0;
    while (at < dotted.length() && key.find(at) && key.start() == at && key.end() > at) {
      String k =
          key.group(1) != null ? key.group(1) : key.group(2) != null ? key.group(2) : key.group(3);
      pointer = Doc.child(pointer, k);
      at = key.end();
    }
    return pointer;
  }

  private static String where(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return " (truncated or invalid)";
    }
    return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** UTF-8 (BOM stripped) or UTF-16 with a BOM, as Windows tools write; anything else is binary. */
  static String decode(byte[] bytes) throws CharacterCodingException {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    String s =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
