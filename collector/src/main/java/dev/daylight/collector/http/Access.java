package dev.daylight.collector.http;

/** Who may call a route: checked by the router before the route's handler runs. */
enum Access {
  /** Anyone: health, the dashboard's files, enrollment (which checks its own secret). */
  OPEN,
  /** The metrics scraper's token, when one is configured; else anyone. */
  METRICS,
  /** An enrolled agent's node key. */
  NODE,
  /** The administrator's token. */
  ADMIN
}
