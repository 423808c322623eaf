package dev.daylight.agent.guard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.json.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts Daylight's hook into a settings file as pieces of text inserted at recorded places, so
 * nothing else in the file is touched (formatting, key order, comments-free spacing) and the
 * original is the file minus those pieces. That is what lets the install ledger keep only a hash of
 * the original instead of a copy, which could hold the user's secrets.
 */
final class SettingsSplice {
  /** Text inserted at {@code at}, a char offset in the text after all splices were made. */
  record Piece(int at, String text) {}

  /** The settings with the hook in them and the pieces that put it there, in file order. */
  record Spliced(String text, List<Piece> pieces) {}

  private static final JsonFactory JSON = Limits.jsonFactory();

  private SettingsSplice() {}

  /**
   * Adds Daylight's entry to {@code original} (which holds none): at the end of the event's list,
   * or as a new member of {@code hooks} or of the top-level object; a blank or missing file gets a
   * whole new document.
   */
  static Spliced install(String original, HookTarget target, String command)
      throws SettingsEdit.Unusable {
    if (original == null || original.isBlank()) {
      String doc = SettingsEdit.fresh(target, command);
      return new Spliced(doc + (original == null ? "" : original), List.of(new Piece(0, doc)));
    }
    ObjectNode root = SettingsEdit.check(original, target);
    Ends ends = ends(original, target.event());
    String entry = SettingsEdit.compact(SettingsEdit.entry(target, command));
    String nl = original.indexOf('\n') >= 0 ? "\n  " : " ";
    List<Piece> at = new ArrayList<>();
    if (ends.list >= 0) {
      at.add(member(original, ends.list, entry, " "));
    } else if (ends.hooks >= 0) {
      at.add(member(original, ends.hooks, quote(target.event()) + ": [" + entry + "]", " "));
    }
    StringBuilder top = new StringBuilder();
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f :
        iterable(target.fileFields())) {
      if (!root.has(f.getKey())) {
        top.append(top.length() == 0 ? "" : ", ")
            .append(quote(f.getKey()))
            .append(": ")
            .append(SettingsEdit.compact(f.getValue()));
      }
    }
    if (ends.hooks < 0) {
      top.append(top.length() == 0 ? "" : ", ")
          .append("\"hooks\": {")
          .append(quote(target.event()))
          .append(": [")
          .append(entry)
          .append("]}");
    }
    if (top.length() > 0) {
      at.add(member(original, ends.root, top.toString(), nl));
    }
    return apply(original, at);
  }

  /** The text without the pieces, or empty when a piece is not where it was put. */
  static Optional<String> undo(String text, List<Piece> pieces) {
    StringBuilder b = new StringBuilder(text);
    List<Piece> last = new ArrayList<>(pieces);
    last.sort(Comparator.comparingInt((Piece p) -> p.at()).reversed());
    for (Piece p : last) {
      int end = p.at() + p.text().length();
      if (p.at() < 0 || end > b.length() || !b.substring(p.at(), end).equals(p.text())) {
        return Optional.empty();
      }
      b.delete(p.at(), end);
    }
    return Optional.of(b.toString());
  }

  /**
   * The text without the pieces wherever each now stands, for a file changed since install; empty
   * when a piece is not found exactly once (then only a JSON rewrite can take it out).
   */
  static Optional<String> cut(String text, List<Piece> pieces) {
    String out = text;
    for (Piece p : pieces) {
      int i = out.indexOf(p.text());
      if (p.text().isEmpty() || i < 0 || out.indexOf(p.text(), i + 1) >= 0) {
        return Optional.empty();
      }
      out = out.substring(0, i) + out.substring(i + p.text().length());
    }
    return Optional.of(out);
  }

  /**
   * Inserts {@code member} into the container that closes at {@code close}, after its last element.
   */
  private static Piece member(String text, int close, String member, String sep) {
    int i = close - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    boolean empty = text.charAt(i) == '{' || text.charAt(i) == '[';
    return new Piece(i + 1, (empty ? "" : ",") + sep + member);
  }

  /** Pieces given at offsets of the original; returns them at offsets of the result. */
  private static Spliced apply(String original, List<Piece> at) {
    at.sort(Comparator.comparingInt(Piece::at));
    StringBuilder b = new StringBuilder();
    List<Piece> placed = new ArrayList<>();
    int from = 0;
    for (Piece p : at) {
      b.append(original, from, p.at());
      placed.add(new Piece(b.length(), p.text()));
      b.append(p.text());
      from = p.at();
    }
    b.append(original.substring(from));
    return new Spliced(b.toString(), List.copyOf(placed));
  }

  /**
   * Char offsets of the closing brackets: top-level object, {@code hooks}, the event's list (-1:
   * none).
   */
  private record Ends(int root, int hooks, int list) {}

  private static Ends ends(String text, String event) {
    int root = -1;
    int hooks = -1;
    int list = -1;
    try (JsonParser p = JSON.createParser(text)) {
      int depth = 0;
      String field = null;
      boolean inHooks = false;
      boolean inList = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT, START_ARRAY -> {
            depth++;
            inHooks =
                inHooks || (depth == 2 && t == JsonToken.START_OBJECT && "hooks".equals(field));
            inList =
                inList
                    || (inHooks && depth == 3 && t == JsonToken.START_ARRAY && event.equals(field));
          }
          case END_OBJECT, END_ARRAY -> {
            int offset = (int) p.currentTokenLocation().getCharOffset();
            if (depth == 1) {
              root = offset;
            } else if (depth == 2 && inHooks) {
              hooks = offset;
              inHooks = false;
            } else if (depth == 3 && inList) {
              list = offset;
              inList = false;
            }
            depth--;
          }
          default -> {}
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the text parsed as a tree just before
    }
    return new Ends(root, hooks, list);
  }

  private static String quote(String s) {
    return SettingsEdit.compact(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
  }

  private static Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> iterable(
      ObjectNode o) {
    return o::fields;
  }
}
