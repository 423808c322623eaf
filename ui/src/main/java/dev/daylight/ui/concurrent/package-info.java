/**
 * Executors that run background work and hand results to the JavaFX thread (tests use a same-
 * thread one).
 */
package dev.daylight.ui.concurrent;
