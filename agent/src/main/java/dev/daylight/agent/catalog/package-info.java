/**
 * The catalog of AI clients (where each keeps its MCP servers, per OS, in which format) bound from
 * clients.json; data only, imports platform and json.
 */
package dev.daylight.agent.catalog;
