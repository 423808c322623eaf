/**
 * AI apps without MCP (installed apps, editor extensions, CLIs, model folders, running model
 * servers) from the data file known-apps.json; a scan stage that imports platform, json and
 * protocol.
 */
package dev.daylight.agent.apps;
