package dev.daylight.ui.tray;

import dev.daylight.protocol.Severity;

/** A desktop message about one new high or critical finding. */
public record Notification(String findingId, Severity severity, String caption, String text) {}
