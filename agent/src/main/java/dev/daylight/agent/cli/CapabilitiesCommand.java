package dev.daylight.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "capabilities",
    mixinStandardHelpOptions = true,
    description =
        "Lists what an unpacked package can do that moves content out or changes things (email-send,"
            + " messaging, http-fetch, filesystem-write, shell-exec, database, cloud-admin, source-control, payments,"
            + " calendar-docs), each with the file and line that shows it. Nothing in the folder is executed.")
final class CapabilitiesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "An unpacked package (npm tarball, Python sdist or wheel).")
  Path dir;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), dir + " is not a directory");
    }
    Fingerprint f = new Fingerprinter().ofDirectory(dir);
    List<Capability> caps = Capabilities.of(f);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("package", f.name());
      n.put("version", f.version());
      n.set("capabilities", Json.mapper().valueToTree(caps));
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } else {
      out.println((f.name() == null ? dir.toString() : f.name() + " " + f.version()) + ":");
      if (caps.isEmpty()) {
        out.println("  none of the classes: it shows no way to send content out or change things");
      } else {
        Table t = new Table("CLASS", "MEANS", "WHERE", "EVIDENCE");
        for (Capability c : caps) {
          t.row(
              c.cls(),
              Capabilities.label(c.cls()).orElse(""),
              c.evidence().file() + ":" + c.evidence().line(),
              c.evidence().text());
        }
        t.print(out);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
