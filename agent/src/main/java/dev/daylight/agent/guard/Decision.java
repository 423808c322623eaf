package dev.daylight.agent.guard;

/**
 * One server as the hook sees it.
 *
 * @param client the catalog id of the client whose config holds the server ({@code claude-code})
 * @param hookName the server's name as the client spells it in tool names ({@code
 *     mcp__NAME__tool}): characters other than letters, digits, {@code _} and {@code -} become
 *     {@code _}
 * @param launch the command and arguments up to the first redacted one, for clients (Cursor) that
 *     name the server by its launch line; empty for remote servers
 * @param url the remote server's URL without query, empty for local servers
 * @param subject the package version ({@code pkg:npm/postmark-mcp@1.0.16}) or {@code server:NAME}
 * @param reason the sentence the person and the assistant read when the call is refused
 * @param osUser whose home held the config, in an all-users scan; null otherwise
 */
public record Decision(
    String client,
    String hookName,
    String launch,
    String url,
    Verdict verdict,
    String subject,
    String reason,
    String osUser) {}
