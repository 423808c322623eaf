/** The main window, which composes the tabs. */
package dev.daylight.ui.main;
