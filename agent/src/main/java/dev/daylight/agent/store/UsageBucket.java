package dev.daylight.agent.store;

/**
 * Calls of one tool of one server, from one client and project, within one minute.
 *
 * @param source the record format the calls were read from ({@code claude-code-jsonl},
 *     {@code daylight-guard-spool}, ...): two sources may see the same call
 * @param project the project folder, or empty when the record does not say
 * @param minute epoch minute of the calls
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
    long lastMs) {}
