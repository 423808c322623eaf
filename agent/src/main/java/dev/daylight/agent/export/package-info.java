/**
 * Writes an inventory as CycloneDX, CSV, OCSF or SARIF; pure functions from protocol records to
 * text.
 */
package dev.daylight.agent.export;
