/** The AI apps tab: view and view model. */
package dev.daylight.ui.apps;
