/**
 * The delegated tool use ledger: reads the AI clients' own records of tool calls (transcripts,
 * session files, MCP logs, the guard's spool) incrementally into the store, keeping only server,
 * tool, time, client, project folder and outcome, and gives each server its usage; imports store,
 * scan, discovery, json, platform and protocol.
 */
package dev.daylight.agent.usage;
