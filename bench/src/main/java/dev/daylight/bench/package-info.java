/**
 * The collector's load generator and database seeding for benchmarks, outside the server's jar: it
 * may import the collector and the protocol; nothing imports it.
 */
package dev.daylight.bench;
