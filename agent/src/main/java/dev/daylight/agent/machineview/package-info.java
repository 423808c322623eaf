/**
 * The machine service's read-only per-user views (what each person's tray shows of the one machine
 * history) and the tray's scan requests; imports store, config, report and platform.
 */
package dev.daylight.agent.machineview;
