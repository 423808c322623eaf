/**
 * The daylight command line: picocli commands and their option mixins, the only package that
 * prints; it assembles the others and nothing imports it.
 */
package dev.daylight.agent.cli;
