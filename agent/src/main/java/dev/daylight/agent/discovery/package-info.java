/**
 * Finds the config files of the catalog's clients in a home and reads their server entries, with
 * the clients' own approval and policy files; nothing read is ever executed. Imports catalog,
 * platform, secrets, scan.
 */
package dev.daylight.agent.discovery;
