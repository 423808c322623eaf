/**
 * Managed deployment settings (agent.conf, macOS profiles, Windows registry values) that tell the
 * agent its collector and enrollment secret; imports platform only.
 */
package dev.daylight.agent.managed;
