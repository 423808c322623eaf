package dev.daylight.protocol;

/**
 * The machine a scan ran on. Null fields were not probed (a {@code --no-host} scan of a fake home).
 *
 * @param os {@code linux}, {@code macos} or {@code windows}: the layout that was scanned
 */
public record Host(
    String deviceId,
    String hostname,
    String os,
    String osVersion,
    String arch,
    String user,
    String serial) {}
