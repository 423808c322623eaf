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
 * @param secretFingerprints keyed fingerprints of secret values by where they sit
 *     ({@code env.GITHUB_TOKEN}, {@code header.Authorization}, {@code arg.3}); empty without a store key
 * @param osUser the account whose home held the file, when scanning several users
 * @param approval for a server its client starts only once the user approves it (Claude Code's
 *     project {@code .mcp.json}), what the user decided; {@code enabled} is then true only when
 *     approved. Null for every server that needs no approval.
 * @param blockedBy why the client's own policy will not start this server (an administrator's
 *     denylist or allowlist, or a managed file that takes exclusive control), naming the rule and
 *     the file it came from; {@code enabled} is then false. Null when no policy blocks it. The
 *     server stays in the inventory: it is still configured, and one policy change from running.
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
    String blockedBy) {

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
  }

  /** A server that needs no approval (the form before {@code approval} was added). */
  public McpServer(String id, String client, Scope scope, String configPath, Integer line, String name,
      Transport transport, String command, List<String> args, String url, boolean enabled,
      List<String> envKeys, List<String> headerKeys, PackageRef pkg, String proxiedUrl,
      Map<String, String> secretFingerprints, String osUser) {
    this(id, client, scope, configPath, line, name, transport, command, args, url, enabled, envKeys,
        headerKeys, pkg, proxiedUrl, secretFingerprints, osUser, null, null);
  }

  /** A server no client policy blocks (the form before {@code blockedBy} was added). */
  public McpServer(String id, String client, Scope scope, String configPath, Integer line, String name,
      Transport transport, String command, List<String> args, String url, boolean enabled,
      List<String> envKeys, List<String> headerKeys, PackageRef pkg, String proxiedUrl,
      Map<String, String> secretFingerprints, String osUser, Approval approval) {
    this(id, client, scope, configPath, line, name, transport, command, args, url, enabled, envKeys,
        headerKeys, pkg, proxiedUrl, secretFingerprints, osUser, approval, null);
  }

  public McpServer withPackage(PackageRef ref) {
    return new McpServer(id, client, scope, configPath, line, name, transport, command, args, url,
        enabled, envKeys, headerKeys, ref, proxiedUrl, secretFingerprints, osUser, approval, blockedBy);
  }

  /** This server as its client will treat it: enabled only if it was and {@code approval} allows it. */
  public McpServer withApproval(Approval decision) {
    return new McpServer(id, client, scope, configPath, line, name, transport, command, args, url,
        enabled && (decision == null || decision == Approval.APPROVED), envKeys, headerKeys, pkg,
        proxiedUrl, secretFingerprints, osUser, decision, blockedBy);
  }

  public McpServer withEnabled(boolean on) {
    return new McpServer(id, client, scope, configPath, line, name, transport, command, args, url,
        on, envKeys, headerKeys, pkg, proxiedUrl, secretFingerprints, osUser, approval, blockedBy);
  }

  /** This server as its client will treat it once a policy blocks it: disabled, and why. */
  public McpServer withBlock(String reason) {
    Checks.required(reason, "reason");
    return new McpServer(id, client, scope, configPath, line, name, transport, command, args, url,
        false, envKeys, headerKeys, pkg, proxiedUrl, secretFingerprints, osUser, approval, reason);
  }
}
