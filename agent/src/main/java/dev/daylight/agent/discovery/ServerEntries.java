package dev.daylight.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.catalog.Catalog.Dialect;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.protocol.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds the server entries of a parsed file where its catalog entry says they sit. */
final class ServerEntries {
  private ServerEntries() {}

  /**
   * One entry: its name as written, its node, JSON pointer, scope, and a locator that keeps ids
   * apart when one file holds several server maps (the project key of {@code ~/.claude.json}).
   */
  record Entry(String name, JsonNode node, String pointer, Scope scope, String locator) {}

  static List<Entry> find(JsonNode root, FileSpec spec, Scope fileScope, Dialect dialect) {
    List<Entry> out = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return out;
    }
    for (String at : spec.servers()) {
      Located container = navigate(root, "", at.split("/"));
      if (container != null) {
        collect(container.node(), container.pointer(), fileScope, "", out, false, dialect);
      }
    }
    if (spec.projectServers() != null) {
      String[] parts = spec.projectServers().split("/");
      int star = List.of(parts).indexOf("*");
      Located parent = navigate(root, "", java.util.Arrays.copyOfRange(parts, 0, star));
      if (parent != null && parent.node().isObject()) {
        String[] rest = java.util.Arrays.copyOfRange(parts, star + 1, parts.length);
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.node().fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> project = it.next();
          Located c =
              navigate(project.getValue(), Doc.child(parent.pointer(), project.getKey()), rest);
          if (c != null) {
            collect(c.node(), c.pointer(), Scope.PROJECT, project.getKey(), out, false, dialect);
          }
        }
      }
    }
    if (out.isEmpty() && spec.flat()) {
      collect(root, "", fileScope, "", out, true, dialect);
    }
    return out;
  }

  private record Located(JsonNode node, String pointer) {}

  private static Located navigate(JsonNode node, String pointer, String[] path) {
    JsonNode cur = node;
    String p = pointer;
    for (String seg : path) {
      if (seg.isEmpty()) {
        continue;
      }
      if (cur == null || !cur.isObject() || !cur.has(seg)) {
        return null;
      }
      cur = cur.get(seg);
      p = Doc.child(p, seg);
    }
    return new Located(cur, p);
  }

  private static void collect(
      JsonNode container,
      String pointer,
      Scope scope,
      String locator,
      List<Entry> out,
      boolean onlyServerLike,
      Dialect dialect) {
    if (container.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = container.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!onlyServerLike || serverLike(e.getValue(), dialect)) {
          out.add(
              new Entry(e.getKey(), e.getValue(), Doc.child(pointer, e.getKey()), scope, locator));
        }
      }
    } else if (container.isArray()) {
      // Continue's YAML lists and Vibe's [[mcp_servers]] name each entry inside it.
      for (int i = 0; i < container.size(); i++) {
        JsonNode n = container.get(i);
        String name = n.path("name").asText("");
        out.add(new Entry(name.isEmpty() ? "#" + i : name, n, pointer + "/" + i, scope, locator));
      }
    }
  }

  private static boolean serverLike(JsonNode n, Dialect dialect) {
    if (!n.isObject()) {
      return false;
    }
    for (String f : dialect.command()) {
      if (n.has(f)) {
        return true;
      }
    }
    return dialect.urlFields().keySet().stream().anyMatch(n::has);
  }
}
