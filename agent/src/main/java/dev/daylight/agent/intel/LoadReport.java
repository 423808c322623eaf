package dev.daylight.agent.intel;

import java.util.List;

/**
 * What one intel source gave.
 *
 * @param records OSV records read (compact files count their lines)
 * @param withdrawn of those, records marked withdrawn (kept only as tombstones)
 * @param errors entries that could not be read, with the reason
 */
public record LoadReport(int records, int withdrawn, List<String> errors) {
  public LoadReport {
    errors = List.copyOf(errors);
  }
}
