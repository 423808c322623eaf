/**
 * Offline advisory data (bundled OSV snapshot, imported records, fleet records) and its lookups;
 * versions are compared through the shared identity module.
 */
package dev.daylight.agent.intel;
