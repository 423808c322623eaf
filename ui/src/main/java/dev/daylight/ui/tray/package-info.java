/**
 * The tray icon process: the AWT icon and its menu, the desktop messages (findings, refused tool
 * calls) and the window process it starts on demand.
 */
package dev.daylight.ui.tray;
