package dev.daylight.agent.cli;

import dev.daylight.agent.export.Exports;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.Inventory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "The latest stored scan as json, csv, cyclonedx (1.6), ocsf (5001/5020/2004) or sarif (2.1.0).")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(names = "--format", required = true, description = "json, csv, cyclonedx, ocsf or sarif.")
  Exports.Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() throws Exception {
    Optional<Inventory> latest;
    try (Store s = store.open()) {
      latest = s.latest();
    }
    if (latest.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("daylight: no scan stored yet; run 'daylight scan' first");
      return ExitCodes.RUNTIME_FAILURE;
    }
    String text = Exports.render(format, latest.get(), version());
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      if (!text.endsWith("\n")) {
        out.println();
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
