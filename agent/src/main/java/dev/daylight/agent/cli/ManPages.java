package dev.daylight.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff, one per command ({@code daylight.1}, {@code daylight-scan.1}, ...), written
 * from picocli's model of the commands, so they say exactly what {@code --help} says: the same
 * synopsis, descriptions, options and defaults.
 */
final class ManPages {
  private ManPages() {}

  /**
   * Writes a page for {@code cli} and each of its visible subcommands into {@code dir}; returns the
   * files.
   */
  static List<Path> write(CommandLine cli, String version, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    write(cli, version, dir, files);
    return files;
  }

  private static void write(CommandLine cli, String version, Path dir, List<Path> files)
      throws IOException {
    CommandSpec spec = cli.getCommandSpec();
    if (spec.usageMessage().hidden()) {
      return;
    }
    String name = spec.qualifiedName("-");
    Path file = dir.resolve(name + ".1");
    Files.writeString(file, page(cli, name, version), StandardCharsets.UTF_8);
    files.add(file);
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandName()
          .equals(sub.getCommandSpec().name())) { // once per command, not per alias
        write(sub, version, dir, files);
      }
    }
  }

  static String page(CommandLine cli, String name, String version) {
    CommandSpec spec = cli.getCommandSpec();
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    String[] description = spec.usageMessage().description();
    StringBuilder roff = new StringBuilder();
    roff.append(".TH ")
        .append(quote(name.toUpperCase(Locale.ROOT)))
        .append(" 1 \"\" ")
        .append(quote("daylight " + version))
        .append(" \"Daylight Manual\"\n");
    roff.append(".SH NAME\n")
        .append(text(name))
        .append(" \\- ")
        .append(text(description.length == 0 ? "" : description[0]))
        .append('\n');
    roff.append(".SH SYNOPSIS\n.nf\n").append(text(help.synopsis(0).strip())).append("\n.fi\n");
    if (description.length > 0) {
      roff.append(".SH DESCRIPTION\n");
      for (String line : description) {
        roff.append(text(line)).append("\n.PP\n");
      }
    }
    if (!spec.positionalParameters().isEmpty()) {
      roff.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          roff.append(".TP\n\\fI")
              .append(text(p.paramLabel()))
              .append("\\fR\n")
              .append(text(String.join(" ", p.description())))
              .append('\n');
        }
      }
    }
    roff.append(".SH OPTIONS\n");
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      roff.append(".TP\n\\fB").append(text(String.join(", ", o.names()))).append("\\fR");
      if (o.arity().max() > 0) {
        roff.append(" \\fI").append(text(o.paramLabel())).append("\\fR");
      }
      roff.append('\n').append(text(String.join(" ", o.description()))).append('\n');
    }
    List<String> subs =
        cli.getSubcommands().keySet().stream()
            .filter(k -> !cli.getSubcommands().get(k).getCommandSpec().usageMessage().hidden())
            .toList();
    if (!subs.isEmpty()) {
      roff.append(".SH COMMANDS\n");
      for (String sub : subs) {
        CommandSpec s = cli.getSubcommands().get(sub).getCommandSpec();
        String[] d = s.usageMessage().description();
        roff.append(".TP\n\\fB")
            .append(text(sub))
            .append("\\fR\n")
            .append(text(d.length == 0 ? "" : d[0]))
            .append("\nSee \\fB")
            .append(text(name + "-" + sub))
            .append("\\fR(1).\n");
      }
    }
    roff.append(
        ".SH EXIT STATUS\n0 ok, 1 findings (at or above \\-\\-fail\\-on), 2 usage error, 3 runtime failure.\n");
    if (!name.equals("daylight")) {
      roff.append(".SH SEE ALSO\n\\fBdaylight\\fR(1)\n");
    }
    return roff.toString();
  }

  /** Text safe in roff: backslashes escaped, hyphens literal, no line starting a request. */
  private static String text(String s) {
    String escaped = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder();
    for (String line : escaped.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    return out.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "") + "\"";
  }
}
