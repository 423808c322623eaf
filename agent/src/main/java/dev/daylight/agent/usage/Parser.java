package dev.daylight.agent.usage;

import java.io.IOException;
import java.io.InputStream;

/** Reads a client's records: line by line, or one whole JSON document as a stream. */
sealed interface Parser permits Parser.Lines, Parser.Document {
  /** One line of a JSON-lines file or log. Throwing means malformed: skipped and counted. */
  non-sealed interface Lines extends Parser {
    void line(byte[] buf, int len, Reading reading) throws IOException;
  }

  /** A whole file, streamed so its size never decides the memory used. */
  non-sealed interface Document extends Parser {
    void read(InputStream in, Reading reading) throws IOException;
  }
}
