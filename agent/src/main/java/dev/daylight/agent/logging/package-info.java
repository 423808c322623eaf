/**
 * Daylight's own logs: the console set-up of every command (Logback configured in code, lines made
 * visible by {@code text}), and the daemon's rotating file, journal and child-to-resident relay
 * format; imports only {@code text}.
 */
package dev.daylight.agent.logging;
