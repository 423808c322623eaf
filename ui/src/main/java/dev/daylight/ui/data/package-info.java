/** What the tray reads from the agent's store and how it asks the agent to scan. */
package dev.daylight.ui.data;
