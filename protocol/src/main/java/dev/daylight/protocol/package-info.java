/**
 * The records agent and collector share and their JSON form; no I/O and no other Daylight module
 * (an ArchUnit rule).
 */
package dev.daylight.protocol;
