/**
 * Enrollment with the collector and delivery of the outbox over HTTPS with retries; imports config
 * and store.
 */
package dev.daylight.agent.report;
