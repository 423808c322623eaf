package dev.daylight.agent.store;

import java.util.Collection;

/**
 * One file's new read position and the calls found since the last one; {@code replace} first drops
 * what the file gave before (it is rewritten whole, or was replaced).
 */
public record UsageSave(UsageFile file, Collection<UsageBucket> buckets, boolean replace) {}
