/**
 * The tray app: its launcher and the JavaFX application that wires the tray, the window and the
 * agent's store together.
 */
package dev.daylight.ui;
