package dev.daylight.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One server entry of one client's config file, exactly as the client would read it, with every
 * secret value already replaced by a redaction mark.
 *
 * @param id stable hash of client, configPath and name
 * @param line 1-based line of the entry in its file, or null when unknown
 * @param secretFingerprints keyed fingerprints of secret values by where they sit ({@code
 *     env.GITHUB_TOKEN}, {@code header.Authorization}, {@code arg.3}); empty without a store key
 * @param osUser the account whose home held the file, when scanning several users
 * @param approval for a server its client starts only once the user approves it (Claude Code's
 *     project {@code .mcp.json}), what the user decided; {@code enabled} is then true only when
 *     approved. Null for every server that needs no approval.
 * @param blockedBy why the client's own policy will not start this server (an administrator's
 *     denylist or allowlist, or a managed file that takes exclusive control), naming the rule and
 *     the file it came from; {@code enabled} is then false. Null when no policy blocks it. The
 *     server stays in the inventory: it is still configured, and one policy change from running.
 * @param usage what the clients' own records say this server was asked to do over the usage window
 *     ({@code calls} 0: idle); null when the ledger was not read (a scan without a store)
 * @param capabilities what this server can do that moves content out or changes things: its
 *     package's classes, its host's for a remote server, and the tools its client's records show it
 *     was asked to run, each with evidence (evidence kind {@code file}: code, {@code host}: the
 *     URL's host, {@code tool-call}: a client's record, {@code known-package}: Daylight's list of
 *     known packages); null when nothing could be read, and then {@code capabilitiesWhy} says why
 * @param capabilitiesWhy why {@code capabilities} is null, else null
 */
public record McpServer(
    String id,
    String client,
    Scope scope,
    String configPath,
    Integer line,
    String name,
    Transport transport,
    String command,
    List<String> args,
    String url,
    boolean enabled,
    List<String> envKeys,
    List<String> headerKeys,
    @JsonProperty("package") PackageRef pkg,
    String proxiedUrl,
    Map<String, String> secretFingerprints,
    String osUser,
    Approval approval,
    String blockedBy,
    ServerUsage usage,
    List<Capability> capabilities,
    String capabilitiesWhy) {

  public McpServer {
    Checks.required(id, "id");
    Checks.required(client, "client");
    Checks.required(scope, "scope");
    Checks.required(configPath, "configPath");
    Checks.required(name, "name");
    Checks.required(transport, "transport");
    args = Checks.list(args);
    envKeys = Checks.list(envKeys);
    headerKeys = Checks.list(headerKeys);
    secretFingerprints = Checks.map(secretFingerprints);
    capabilities = capabilities == null ? null : List.copyOf(capabilities);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this server's values, to change a few of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.client = client;
    b.scope = scope;
    b.configPath = configPath;
    b.line = line;
    b.name = name;
    b.transport = transport;
    b.command = command;
    b.args = args;
    b.url = url;
    b.enabled = enabled;
    b.envKeys = envKeys;
    b.headerKeys = headerKeys;
    b.pkg = pkg;
    b.proxiedUrl = proxiedUrl;
    b.secretFingerprints = secretFingerprints;
    b.osUser = osUser;
    b.approval = approval;
    b.blockedBy = blockedBy;
    b.usage = usage;
    b.capabilities = capabilities;
    b.capabilitiesWhy = capabilitiesWhy;
    return b;
  }

  public McpServer withPackage(PackageRef ref) {
    return toBuilder().pkg(ref).build();
  }

  /**
   * This server as its client will treat it: enabled only if it was and {@code approval} allows it.
   */
  public McpServer withApproval(Approval decision) {
    return toBuilder()
        .approval(decision)
        .enabled(enabled && (decision == null || decision == Approval.APPROVED))
        .build();
  }

  public McpServer withEnabled(boolean on) {
    return toBuilder().enabled(on).build();
  }

  /** This server as its client will treat it once a policy blocks it: disabled, and why. */
  public McpServer withBlock(String reason) {
    Checks.required(reason, "reason");
    return toBuilder().enabled(false).blockedBy(reason).build();
  }

  /** Collects a server's values; {@link #build} checks them as the canonical constructor does. */
  public static final class Builder {
    private String id;
    private String client;
    private Scope scope;
    private String configPath;
    private Integer line;
    private String name;
    private Transport transport;
    private String command;
    private List<String> args;
    private String url;
    private boolean enabled;
    private List<String> envKeys;
    private List<String> headerKeys;
    private PackageRef pkg;
    private String proxiedUrl;
    private Map<String, String> secretFingerprints;
    private String osUser;
    private Approval approval;
    private String blockedBy;
    private ServerUsage usage;
    private List<Capability> capabilities;
    private String capabilitiesWhy;

    private Builder() {}

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder client(String value) {
      client = value;
      return this;
    }

    public Builder scope(Scope value) {
      scope = value;
      return this;
    }

    public Builder configPath(String value) {
      configPath = value;
      return this;
    }

    public Builder line(Integer value) {
      line = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder transport(Transport value) {
      transport = value;
      return this;
    }

    public Builder command(String value) {
      command = value;
      return this;
    }

    public Builder args(List<String> value) {
      args = value;
      return this;
    }

    public Builder url(String value) {
      url = value;
      return this;
    }

    public Builder enabled(boolean value) {
      enabled = value;
      return this;
    }

    public Builder envKeys(List<String> value) {
      envKeys = value;
      return this;
    }

    public Builder headerKeys(List<String> value) {
      headerKeys = value;
      return this;
    }

    public Builder pkg(PackageRef value) {
      pkg = value;
      return this;
    }

    public Builder proxiedUrl(String value) {
      proxiedUrl = value;
      return this;
    }

    public Builder secretFingerprints(Map<String, String> value) {
      secretFingerprints = value;
      return this;
    }

    public Builder osUser(String value) {
      osUser = value;
      return this;
    }

    public Builder approval(Approval value) {
      approval = value;
      return this;
    }

    public Builder usage(ServerUsage value) {
      usage = value;
      return this;
    }

    /** What this server can do, or null and why nothing could be read. */
    public Builder capabilities(List<Capability> found, String why) {
      capabilities = found;
      capabilitiesWhy = why;
      return this;
    }

    public Builder blockedBy(String value) {
      blockedBy = value;
      return this;
    }

    public McpServer build() {
      return new McpServer(
          id,
          client,
          scope,
          configPath,
          line,
          name,
          transport,
          command,
          args,
          url,
          enabled,
          envKeys,
          headerKeys,
          pkg,
          proxiedUrl,
          secretFingerprints,
          osUser,
          approval,
          blockedBy,
          usage,
          capabilities,
          capabilitiesWhy);
    }
  }
}
