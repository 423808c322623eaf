package dev.daylight.agent.usage;

import dev.daylight.agent.store.UsageBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls counted per minute, client, server, tool and project while one file is read. */
final class Tally {
  private record Key(String client, String server, String tool, String project, long minute) {}

  private final String source;
  private final Map<Key, long[]> buckets = new HashMap<>();
  private long calls;

  Tally(String source) {
    this.source = source;
  }

  /** One call; {@code errors} is 1 when the record already says it failed. */
  void call(String client, String server, String tool, String project, long epochMs, int errors) {
    long[] b = bucket(client, server, tool, project, epochMs);
    b[0]++;
    b[1] += errors;
    b[2] = Math.min(b[2], epochMs);
    b[3] = Math.max(b[3], epochMs);
    calls++;
  }

  /** A failure reported after its call (a tool result), counted in the call's minute. */
  void error(String client, String server, String tool, String project, long epochMs) {
    bucket(client, server, tool, project, epochMs)[1]++;
  }

  private long[] bucket(String client, String server, String tool, String project, long ms) {
    Key k =
        new Key(client, server, tool, project == null ? "" : project, Math.floorDiv(ms, 60_000L));
    return buckets.computeIfAbsent(k, x -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
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
