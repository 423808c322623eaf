/**
 * The collector's load generator and database seeding for benchmarks; imports the rest, nothing
 * imports it.
 */
package dev.daylight.collector.bench;
