/**
 * The local SQLite history: scans, events, findings and their lifecycle, reviews, policy and the
 * outbox, written in one transaction per scan; imports change and protocol.
 */
package dev.daylight.agent.store;
