package dev.daylight.agent.usage;

import dev.daylight.agent.store.UsageBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls counted per minute, client, server, tool and project while one file is read. The file is
 * another program's, or a person's: names are clipped and the buckets of one file are bounded, so a
 * file of a million made-up names cannot fill the memory, the store or the report.
 */
final class Tally {
  /** Longest server, tool or project name kept; longer ones are clipped. */
  static final int MAX_NAME = 256;

  /** Most buckets one file gives; calls that would open more are dropped and counted as skipped. */
  static final int MAX_BUCKETS = 20_000;

  private record Key(String client, String server, String tool, String project, long minute) {}

  private final String source;
  private final Map<Key, long[]> buckets = new HashMap<>();
  private long calls;
  private long dropped;

  Tally(String source) {
    this.source = source;
  }

  /** One call; {@code errors} is 1 when the record already says it failed. */
  void call(String client, String server, String tool, String project, long epochMs, int errors) {
    long[] b = bucket(client, server, tool, project, epochMs);
    if (b == null) {
      dropped++;
      return;
    }
    b[0]++;
    b[1] += errors;
    b[2] = Math.min(b[2], epochMs);
    b[3] = Math.max(b[3], epochMs);
    calls++;
  }

  /** A failure reported after its call (a tool result), counted in the call's minute. */
  void error(String client, String server, String tool, String project, long epochMs) {
    long[] b = bucket(client, server, tool, project, epochMs);
    if (b != null) {
      b[1]++;
    }
  }

  /** The bucket, or null when it would be new and the file has given its most. */
  private long[] bucket(String client, String server, String tool, String project, long ms) {
    Key k =
        new Key(
            client,
            clip(server),
            clip(tool),
            project == null ? "" : clip(project),
            Math.floorDiv(ms, 60_000L));
    long[] b = buckets.get(k);
    if (b == null && buckets.size() < MAX_BUCKETS) {
      b = new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE};
      buckets.put(k, b);
    }
    return b;
  }

  private static String clip(String name) {
    return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }

  /** Calls not counted because the file gave more distinct buckets than it may. */
  long dropped() {
    return dropped;
  }

  long calls() {
    return calls;
  }

  List<UsageBucket> buckets() {
    List<UsageBucket> out = new ArrayList<>(buckets.size());
    buckets.forEach(
        (k, b) ->
            out.add(
                new UsageBucket(
                    source,
                    k.client(),
                    k.server(),
                    k.tool(),
                    k.project(),
                    k.minute(),
                    b[0],
                    b[1],
                    b[2] == Long.MAX_VALUE ? k.minute() * 60_000L : b[2],
                    b[3] == Long.MIN_VALUE ? k.minute() * 60_000L : b[3])));
    return out;
  }
}
