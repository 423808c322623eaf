package dev.daylight.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daylight completion}: picocli's bash (and zsh) completion script for every command, on
 * stdout. With {@code --out DIR} it writes the man pages ({@link ManPages}) into {@code
 * DIR/man/man1} and the script as {@code DIR/completion/daylight} instead, which the packages
 * install.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description =
        "Print the bash/zsh completion script (source <(daylight completion)); "
            + "--out DIR writes it and the man pages into DIR instead.")
final class DocsCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write DIR/man/man1/daylight*.1 and DIR/completion/daylight instead of printing.")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    CommandLine all = Main.newCommandLine();
    String script = AutoComplete.bash("daylight", all);
    if (outDir != null) {
      ManPages.write(all, VersionProvider.version(), outDir.resolve("man/man1"));
      Path completion = outDir.resolve("completion/daylight");
      Files.createDirectories(completion.getParent());
      Files.writeString(completion, script, StandardCharsets.UTF_8);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(script);
    out.flush();
    return ExitCodes.OK;
  }
}
