/**
 * Enrollment and report ingest: validates what agents send and turns it into rows; below the HTTP
 * layer.
 */
package dev.daylight.collector.ingest;
