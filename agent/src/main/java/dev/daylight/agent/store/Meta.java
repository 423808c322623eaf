package dev.daylight.agent.store;

import java.sql.Connection;
import java.util.Optional;

/** Small key/value facts: the change counter readers poll, delivery markers, reporter settings. */
final class Meta {
  private Meta() {}

  static void bump(Connection c) {
    Sql.update(
        c, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_counter'");
  }

  static long counter(Connection c) {
    return Sql.one(
            c,
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_counter'",
            rs -> rs.getLong(1))
        .orElse(0L);
  }

  static Optional<String> get(Connection c, String key) {
    return Sql.one(c, "SELECT value FROM meta WHERE key = ?", rs -> rs.getString(1), key);
  }

  static void put(Connection c, String key, String value) {
    Sql.update(
        c,
        "INSERT INTO meta(key, value) VALUES (?,?)"
            + " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        key,
        value);
  }
}
