package dev.daylight.agent.usage;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of reading one record file: which client and server names it belongs to, the session's
 * project folder, calls waiting for their result, and what was counted and skipped. Only names,
 * times, the project folder and outcomes are held; never arguments or results.
 */
final class Reading {
  /** A call whose outcome arrives in a later record. */
  record Pending(String callId, String server, String tool, String project, long epochMs) {}

  private static final int MAX_PENDING = 4_096;
  private static final int MAX_SEEN = 512;

  /** Calls carried to the next pass while they wait for their result. */
  private static final int MAX_CARRIED = 64;

  final String client;
  final Naming naming;
  final Collection<String> knownServers;

  /** The server named by the file itself ({@code mcp-server-github.log}), if any. */
  final String fileServer;

  final Tally tally;
  String project;
  long skipped;

  /** A database reader's position, carried between passes ({@link Parser.Database}). */
  String cursor;

  /** The client's own tools whose names look like MCP ones ({@code apply_patch}): never counted. */
  Set<String> builtins = Set.of();

  private final Map<String, Pending> pending =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
          return size() > MAX_PENDING;
        }
      };
  private final ArrayDeque<String> seenOrder = new ArrayDeque<>();
  private final Set<String> seen = new HashSet<>();

  Reading(
      String client,
      Naming naming,
      Collection<String> knownServers,
      String fileServer,
      Tally tally,
      String project,
      List<String> seenBefore,
      List<Pending> waitingBefore) {
    this.client = client;
    this.naming = naming;
    this.knownServers = knownServers;
    this.fileServer = fileServer;
    this.tally = tally;
    this.project = project;
    seenBefore.forEach(this::firstSight);
    waitingBefore.forEach(p -> pending.put(p.callId(), p));
  }

  void call(String server, String tool, long epochMs, boolean failed, String callId) {
    tally.call(client, server, tool, project, epochMs, failed ? 1 : 0);
    if (callId != null && !failed) {
      pending.put(callId, new Pending(callId, server, tool, project, epochMs));
    }
  }

  /** The result of an earlier call arrived: a failure is counted against that call. */
  void result(String callId, boolean failed) {
    Pending p = callId == null ? null : pending.remove(callId);
    if (p != null && failed) {
      tally.error(client, p.server(), p.tool(), p.project(), p.epochMs());
    }
  }

  /** True the first time an id is seen (records rewritten with the same call count once). */
  boolean firstSight(String id) {
    if (!seen.add(id)) {
      return false;
    }
    seenOrder.addLast(id);
    if (seenOrder.size() > MAX_SEEN) {
      seen.remove(seenOrder.removeFirst());
    }
    return true;
  }

  /** The last calls still without a result, for the next pass. */
  List<Pending> waiting() {
    List<Pending> all = new java.util.ArrayList<>(pending.values());
    return List.copyOf(all.subList(Math.max(0, all.size() - MAX_CARRIED), all.size()));
  }

  List<String> seenIds() {
    return List.copyOf(seenOrder);
  }
}
