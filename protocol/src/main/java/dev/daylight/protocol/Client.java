package dev.daylight.protocol;

import java.util.List;

/**
 * An AI application found on the host, with or without MCP servers.
 *
 * @param id catalog id ({@code cursor}, {@code ollama}, {@code vscode-ext:github.copilot})
 * @param kind {@code app}, {@code cli}, {@code extension}, {@code plugin}, {@code model-runtime}
 * @param version version where knowable, else null
 */
public record Client(
    String id, String name, String kind, String version, List<Evidence> evidence, String osUser) {
  public Client {
    Checks.required(id, "id");
    Checks.required(name, "name");
    Checks.required(kind, "kind");
    evidence = Checks.list(evidence);
  }
}
