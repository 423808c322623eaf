/** The MCP servers tab and its details pane: views and view models. */
package dev.daylight.ui.servers;
