/**
 * Executors that run background work and hand results to the UI thread: JavaFX's in the window
 * process, AWT's in the tray icon process (tests use a same-thread one).
 */
package dev.daylight.ui.concurrent;
