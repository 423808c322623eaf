package dev.daylight.agent.store;

import dev.daylight.protocol.Report;

/**
 * A report waiting for the collector. Delivery is at-least-once: the reporter sends it, then marks
 * it delivered; a crash in between sends it again under the same report id, which the collector
 * stores once.
 *
 * @param attempts failed deliveries so far
 */
public record OutboxItem(long seq, Report report, int attempts) {}
