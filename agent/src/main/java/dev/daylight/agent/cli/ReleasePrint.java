package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.util.List;

/** Prints a release review: {@code {"package","from","to","findings":[...]}} or a table. */
final class ReleasePrint {
  private ReleasePrint() {}

  static void print(
      PrintWriter out,
      OutputFormat format,
      String pkg,
      String from,
      String to,
      List<Finding> findings)
      throws Exception {
    if (format == OutputFormat.JSON) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("package", pkg);
      n.put("from", from);
      n.put("to", to);
      n.set("findings", Json.mapper().valueToTree(findings));
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } else {
      out.println(
          "What changed in " + pkg + " " + to + (from == null ? "" : " since " + from) + ":");
      if (findings.isEmpty()) {
        out.println(
            "  nothing that can hurt: no new destination, hook, process, code loading, credential read or dependency");
      } else {
        Table t = new Table("SEVERITY", "RULE", "WHERE", "WHAT");
        for (Finding f : findings) {
          String where =
              f.release() == null || f.release().file() == null
                  ? null
                  : f.release().file() + ":" + f.release().line();
          t.row(f.severity().wire(), f.rule(), where, f.title());
        }
        t.print(out);
      }
    }
    out.flush();
  }
}
