/**
 * The collector service: its entry point and assembly; the feature packages below it never import
 * the agent or the tray (an ArchUnit rule).
 */
package dev.daylight.collector;
