package dev.daylight.agent.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads a client's records: line by line, one whole JSON document as a stream, or a SQLite database
 * opened read-only.
 */
sealed interface Parser permits Parser.Lines, Parser.Document, Parser.Database {
  /** One line of a JSON-lines file or log. Throwing means malformed: skipped and counted. */
  non-sealed interface Lines extends Parser {
    void line(byte[] buf, int len, Reading reading) throws IOException;
  }

  /** A whole file, streamed so its size never decides the memory used. */
  non-sealed interface Document extends Parser {
    void read(InputStream in, Reading reading) throws IOException;
  }

  /**
   * A client's SQLite store, read from {@link Reading#cursor} on (how far the last pass got) up to
   * what it holds now; the reader leaves its new cursor in {@code reading}. Throwing means the
   * database could not be read (corrupt, locked, not the expected schema).
   */
  non-sealed interface Database extends Parser {
    void read(Path db, Reading reading) throws IOException;
  }
}
