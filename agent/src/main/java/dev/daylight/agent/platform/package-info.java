/**
 * The per-OS layout of a home and the machine (one implementation per OS, chosen once); the only
 * package that reads user.home, environment roots or os.name.
 */
package dev.daylight.agent.platform;
