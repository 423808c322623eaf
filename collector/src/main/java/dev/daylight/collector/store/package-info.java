/**
 * The database: SQLite or PostgreSQL through one connection pool, migrations and the single group-
 * commit writer.
 */
package dev.daylight.collector.store;
