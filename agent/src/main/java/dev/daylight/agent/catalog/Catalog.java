package dev.daylight.agent.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AI clients Daylight knows and where each keeps its MCP servers, read from the one resource
 * file {@code clients.json} next to this class. Adding a client is a data change.
 */
public record Catalog(Dialect dialect, Walk walk, List<ClientSpec> clients) {
  private static final String RESOURCE = "clients.json";
  private static Catalog builtIn;

  public Catalog {
    clients = List.copyOf(clients);
  }

  /** The catalog shipped with the agent (parsed once per process, whichever thread asks first). */
  public static synchronized Catalog builtIn() {
    Catalog c = builtIn;
    if (c == null) {
      try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("catalog resource " + RESOURCE + " is missing");
        }
        c = parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException("catalog resource " + RESOURCE + " is unreadable", e);
      }
      builtIn = c;
    }
    return c;
  }

  static Catalog parse(InputStream in) throws IOException {
    return CatalogReader.read(in);
  }

  public Optional<ClientSpec> client(String id) {
    return clients.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** How clients spell the fields of a server entry; every spelling is tried on every file. */
  public record Dialect(
      List<String> command,
      List<String> args,
      List<String> env,
      List<String> envKeys,
      List<String> headers,
      List<String> headerEnv,
      List<String> bearerEnv,
      List<String> type,
      Map<String, String> urlFields,
      Map<String, String> transports,
      List<String> disabledTrue,
      List<String> enabledFalse) {}

  /** What the project walk skips: folder names, and whether hidden folders are entered. */
  public record Walk(List<String> prune, boolean descendIntoHidden) {
    public Walk {
      prune = prune == null ? List.of() : List.copyOf(prune);
    }
  }

  /**
   * One client.
   *
   * @param urlFields per-client meaning of URL spellings (Gemini's {@code url} is SSE), over the
   *     dialect's
   * @param projectFiles paths relative to a project folder
   * @param registries the client's own records of opened projects
   * @param settings the client's settings files that decide which of its servers may run or are
   *     approved (Claude Code's managed, user and project settings), lowest precedence first;
   *     {@code project} ones are relative to a project folder
   * @param policy how the client reads its own MCP policy from those settings ({@code vscode},
   *     {@code gemini}, {@code codex}, {@code amp}); null for none or for Claude Code's own reader
   */
  public record ClientSpec(
      String id,
      String name,
      String kind,
      Map<String, String> urlFields,
      List<FileSpec> files,
      List<FileSpec> projectFiles,
      List<RegistrySpec> registries,
      List<FileSpec> settings,
      String policy) {
    public ClientSpec {
      urlFields = urlFields == null ? Map.of() : Map.copyOf(urlFields);
      files = files == null ? List.of() : List.copyOf(files);
      projectFiles = projectFiles == null ? List.of() : List.copyOf(projectFiles);
      registries = registries == null ? List.of() : List.copyOf(registries);
      settings = settings == null ? List.of() : List.copyOf(settings);
    }
  }

  /**
   * One config file location.
   *
   * @param scope {@code user}, {@code system}, {@code extension}; project files are {@code project}
   * @param os the layouts that have this file; empty means all
   * @param servers alternative places the servers sit ({@code mcp/servers} nests; a dotted key is
   *     one key)
   * @param projectServers a pattern with one {@code *} for the project key, e.g. {@code
   *     projects/*}{@code /mcpServers}
   * @param flat whether the file root may itself be the server map
   * @param shape {@code servers} (default), {@code mcpb} (a Claude Desktop extension manifest) or
   *     {@code connectors} (a list of cloud connector names at {@code servers}, scope {@code
   *     cloud})
   * @param requires catalog paths of which one must exist for this file to be read: a file another
   *     client owns ({@code .mcp.json}) is this client's only where this client is installed
   * @param shared the file name is also another client's: it is evidence of this client only when
   *     it holds servers in this client's own key
   */
  public record FileSpec(
      String scope,
      List<String> os,
      String path,
      Format format,
      List<String> servers,
      String projectServers,
      boolean flat,
      String shape,
      List<String> requires,
      boolean shared) {
    public FileSpec {
      scope = scope == null ? "project" : scope;
      os = os == null ? List.of() : List.copyOf(os);
      format = format == null ? Format.JSON : format;
      servers = servers == null ? List.of() : List.copyOf(servers);
      shape = shape == null ? "servers" : shape;
      requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /** The form before {@code requires} and {@code shared}. */
    public FileSpec(
        String scope,
        List<String> os,
        String path,
        Format format,
        List<String> servers,
        String projectServers,
        boolean flat,
        String shape) {
      this(scope, os, path, format, servers, projectServers, flat, shape, null, false);
    }

    public boolean appliesTo(String osWire) {
      return os.isEmpty() || os.contains(osWire);
    }
  }

  /**
   * A file in which a client lists the projects it has opened.
   *
   * @param keysOf the object whose keys are project paths
   * @param valueAt the field whose value is a project path or {@code file://} URI
   * @param valuesAt the field whose value is a list of project paths (Copilot CLI's trusted
   *     folders)
   */
  public record RegistrySpec(
      List<String> os, String path, Format format, String keysOf, String valueAt, String valuesAt) {
    public RegistrySpec {
      os = os == null ? List.of() : List.copyOf(os);
      format = format == null ? Format.JSON : format;
    }

    /** The form before {@code valuesAt}. */
    public RegistrySpec(
        List<String> os, String path, Format format, String keysOf, String valueAt) {
      this(os, path, format, keysOf, valueAt, null);
    }

    public boolean appliesTo(String osWire) {
      return os.isEmpty() || os.contains(osWire);
    }
  }

  /** File formats; JSON always tolerates comments and trailing commas (JSONC). */
  public enum Format {
    @JsonProperty("json")
    JSON,
    @JsonProperty("yaml")
    YAML,
    @JsonProperty("toml")
    TOML,
    @JsonProperty("xml")
    XML
  }
}
