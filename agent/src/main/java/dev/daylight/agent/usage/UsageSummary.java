package dev.daylight.agent.usage;

import dev.daylight.agent.store.UsageBucket;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.RemovedServerUsage;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.ServerUsage;
import dev.daylight.protocol.ToolUsage;
import dev.daylight.protocol.UsageDay;
import dev.daylight.protocol.VersionUsage;
import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the ledger's calls into each server's {@code usage}: matched by client and name (as the
 * client spells it in tool names), a project's own config winning for calls from that project. Two
 * records of one call (the client's transcript and the guard's spool) count once: per minute, tool
 * and project the source that saw most calls is taken. Calls to servers no config lists are kept as
 * usage of removed servers.
 */
public final class UsageSummary {
  private record Key(
      String client, String server, String tool, String project, long minute, String osUser) {}

  private static final class Acc {
    long calls;
    long errors;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final Map<String, long[]> tools = new HashMap<>();
    final TreeSet<String> projects = new TreeSet<>();

    void add(String tool, String project, long[] v) {
      calls += v[0];
      errors += v[1];
      first = Math.min(first, v[2]);
      last = Math.max(last, v[3]);
      long[] t = tools.computeIfAbsent(tool, x -> new long[] {0, 0, Long.MIN_VALUE});
      t[0] += v[0];
      t[1] += v[1];
      t[2] = Math.max(t[2], v[3]);
      if (!project.isEmpty()) {
        projects.add(project);
      }
    }

    ServerUsage usage() {
      List<ToolUsage> list = new ArrayList<>();
      tools.forEach(
          (name, t) -> list.add(new ToolUsage(name, t[0], Instant.ofEpochMilli(t[2]), t[1])));
      list.sort(
          Comparator.comparingLong(ToolUsage::calls).reversed().thenComparing(ToolUsage::name));
      return new ServerUsage(
          calls,
          Instant.ofEpochMilli(first),
          Instant.ofEpochMilli(last),
          list,
          List.copyOf(projects),
          null);
    }
  }

  private UsageSummary() {}

  /** The inventory with {@code usage} on every server and the removed servers' usage. */
  public static Inventory attach(Inventory inventory, List<UsageBucket> buckets) {
    return attach(inventory, buckets, Map.of());
  }

  /**
   * As {@link #attach(Inventory, List)}, and for each server in {@code versionSince} (server id to
   * when its current package version appeared) the calls since then.
   */
  public static Inventory attach(
      Inventory inventory, List<UsageBucket> buckets, Map<String, Instant> versionSince) {
    Map<Key, long[]> calls = dedupe(buckets);
    Map<String, Acc> byServer = new HashMap<>();
    Map<List<String>, Acc> removed = new LinkedHashMap<>();
    Map<String, long[]> sinceVersion = new HashMap<>();
    calls.forEach(
        (k, v) -> {
          McpServer target = target(inventory.servers(), k);
          Instant since = target == null ? null : versionSince.get(target.id());
          if (since != null && v[3] >= since.toEpochMilli()) {
            long[] sv =
                sinceVersion.computeIfAbsent(target.id(), x -> new long[] {0, Long.MIN_VALUE});
            sv[0] += v[0];
            sv[1] = Math.max(sv[1], v[3]);
          }
          Acc acc =
              target != null
                  ? byServer.computeIfAbsent(target.id(), x -> new Acc())
                  : removed.computeIfAbsent(List.of(k.client(), k.server()), x -> new Acc());
          acc.add(k.tool(), k.project(), v);
        });
    List<McpServer> servers = new ArrayList<>(inventory.servers().size());
    for (McpServer s : inventory.servers()) {
      Acc acc = byServer.get(s.id());
      ServerUsage usage = acc == null ? ServerUsage.idle() : acc.usage();
      Instant since = versionSince.get(s.id());
      if (since != null && s.pkg() != null && s.pkg().version() != null) {
        long[] sv = sinceVersion.getOrDefault(s.id(), new long[] {0, Long.MIN_VALUE});
        usage =
            usage.withSinceVersion(
                new VersionUsage(
                    s.pkg().version(),
                    since,
                    sv[0],
                    sv[0] == 0 ? null : Instant.ofEpochMilli(sv[1])));
      }
      servers.add(s.toBuilder().usage(usage).build());
    }
    List<RemovedServerUsage> gone = new ArrayList<>();
    removed.forEach((k, acc) -> gone.add(new RemovedServerUsage(k.get(0), k.get(1), acc.usage())));
    gone.sort(
        Comparator.comparing(RemovedServerUsage::client).thenComparing(RemovedServerUsage::name));
    return inventory.toBuilder().servers(servers).removedServerUsage(gone).build();
  }

  /**
   * Per UTC day, client, server and tool, from {@code fromDay} on: what reports carry. A call
   * matched to a configured server carries that server's name.
   */
  public static List<UsageDay> days(
      List<McpServer> servers, List<UsageBucket> buckets, LocalDate fromDay) {
    long fromMinute = fromDay.toEpochDay() * 1440L;
    Map<List<String>, long[]> perDay =
        new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
    dedupe(buckets)
        .forEach(
            (k, v) -> {
              if (k.minute() < fromMinute) {
                return;
              }
              McpServer target = target(servers, k);
              String day = LocalDate.ofEpochDay(Math.floorDiv(k.minute(), 1440L)).toString();
              long[] d =
                  perDay.computeIfAbsent(
                      List.of(
                          day, k.client(), target != null ? target.name() : k.server(), k.tool()),
                      x -> new long[] {0, 0, Long.MIN_VALUE});
              d[0] += v[0];
              d[1] += v[1];
              d[2] = Math.max(d[2], v[3]);
            });
    List<UsageDay> out = new ArrayList<>(perDay.size());
    perDay.forEach(
        (k, d) ->
            out.add(
                new UsageDay(
                    k.get(0),
                    k.get(1),
                    k.get(2),
                    k.get(3),
                    d[0],
                    d[1],
                    Instant.ofEpochMilli(d[2]))));
    return out;
  }

  /**
   * Per minute, tool and project: the counts of the source that saw most of them. A record that
   * names no account (the guard's spool) is the same call as the one account's record of that
   * minute, tool and project (an all-users scan names the account of every home's records).
   */
  private static Map<Key, long[]> dedupe(List<UsageBucket> buckets) {
    Map<Key, Map<String, Map<String, long[]>>> byUser = new LinkedHashMap<>();
    for (UsageBucket b : buckets) {
      Key k = new Key(b.client(), b.server(), b.tool(), b.project(), b.minute(), "");
      long[] v =
          byUser
              .computeIfAbsent(k, x -> new LinkedHashMap<>())
              .computeIfAbsent(b.osUser(), x -> new HashMap<>())
              .computeIfAbsent(b.source(), x -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
      v[0] += b.calls();
      v[1] += b.errors();
      v[2] = Math.min(v[2], b.firstMs());
      v[3] = Math.max(v[3], b.lastMs());
    }
    Map<Key, long[]> out = new LinkedHashMap<>();
    byUser.forEach(
        (k, users) -> {
          Map<String, long[]> unnamed = users.get("");
          if (unnamed != null && users.size() == 2) {
            String user =
                users.keySet().stream().filter(u -> !u.isEmpty()).findFirst().orElseThrow();
            users.get(user).putAll(unnamed);
            users.remove("");
          }
          users.forEach(
              (user, sources) -> {
                long[] best = null;
                for (long[] v : sources.values()) {
                  best =
                      best == null || v[0] > best[0] || (v[0] == best[0] && v[1] > best[1])
                          ? v
                          : best;
                }
                out.put(
                    new Key(k.client(), k.server(), k.tool(), k.project(), k.minute(), user), best);
              });
        });
    return out;
  }

  /**
   * The configured server a call went to: same client and name, and the same account when the
   * record's home says whose it is (an all-users scan); the calling project's own wins.
   */
  private static McpServer target(List<McpServer> servers, Key k) {
    String wanted = Naming.normalize(k.server());
    McpServer fallback = null;
    for (McpServer s : servers) {
      if (!s.client().equals(k.client())
          || !Naming.normalize(s.name()).equals(wanted)
          || (!k.osUser().isEmpty() && s.osUser() != null && !k.osUser().equals(s.osUser()))) {
        continue;
      }
      if (s.scope() == Scope.PROJECT) {
        if (!k.project().isEmpty() && inside(s.configPath(), k.project())) {
          return s;
        }
        fallback = fallback == null ? s : fallback;
      } else if (fallback == null || fallback.scope() == Scope.PROJECT) {
        fallback = s;
      }
    }
    return fallback;
  }

  private static boolean inside(String configPath, String project) {
    String p = project.endsWith("/") || project.endsWith("\\") ? project : project + File.separator;
    return configPath.startsWith(p) || configPath.startsWith(project + "/");
  }
}
