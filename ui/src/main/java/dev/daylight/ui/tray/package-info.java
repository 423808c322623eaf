/**
 * The tray icon, its menu and notifications, bridging AWT and JavaFX.
 */
package dev.daylight.ui.tray;
