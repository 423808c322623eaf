/**
 * State every tab shares (the current session of store data, scanning, desktop actions); imported
 * by the tabs and the tray.
 */
package dev.daylight.ui.session;
