/**
 * Compares consecutive scans and applies trust (baseline version, suspension on change, reviews):
 * pure functions over protocol records, imported by the store.
 */
package dev.daylight.agent.change;
