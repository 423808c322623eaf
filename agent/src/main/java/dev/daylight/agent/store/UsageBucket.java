package dev.daylight.agent.store;

/**
 * Calls of one tool of one server, from one client and project, within one minute.
 *
 * @param source the record format the calls were read from ({@code claude-code-jsonl}, {@code
 *     daylight-guard-spool}, ...): two sources may see the same call
 * @param project the project folder, or empty when the record does not say
 * @param minute epoch minute of the calls
 * @param osUser the account whose records these are (all-users scans), empty when not told
 */
public record UsageBucket(
    String source,
    String client,
    String server,
    String tool,
    String project,
    long minute,
    long calls,
    long errors,
    long firstMs,
    long lastMs,
    String osUser) {
  public UsageBucket {
    osUser = osUser == null ? "" : osUser;
  }

  /** Calls from records that name no account (the scanning user's own). */
  public UsageBucket(
      String source,
      String client,
      String server,
      String tool,
      String project,
      long minute,
      long calls,
      long errors,
      long firstMs,
      long lastMs) {
    this(source, client, server, tool, project, minute, calls, errors, firstMs, lastMs, "");
  }
}
