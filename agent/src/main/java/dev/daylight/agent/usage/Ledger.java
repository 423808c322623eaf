package dev.daylight.agent.usage;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.UsageFile;
import dev.daylight.agent.store.UsageSave;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the ledger up to date: finds the clients' record files, reads what each gained since the
 * last pass (by file identity, size and offset kept in the store) and stores the calls found. A
 * file that cannot be read is one error; the others are still read.
 */
public final class Ledger {
  /** What one pass did. */
  public record Pass(
      int files, int filesRead, long bytesRead, long calls, long skipped, List<ScanError> errors) {}

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  private static final int BATCH = 64;

  private final List<UsageSources.Source> sources;

  private Ledger(List<UsageSources.Source> sources) {
    this.sources = sources;
  }

  /** The ledger over the bundled catalog of client record files. */
  public static Ledger bundled() {
    return new Ledger(UsageSources.bundled());
  }

  /**
   * Reads what is new in every record file of the scanned home.
   *
   * @param knownServers configured server names per client id, to split recorded tool names
   * @param stateDir the agent's state folder, where the guard spool is
   */
  public Pass update(
      ScanContext context, Store store, Map<String, Set<String>> knownServers, Path stateDir) {
    return update(List.of(context), store, knownServers, stateDir);
  }

  /**
   * As {@link #update(ScanContext, Store, Map, Path)} over several homes (an all-users scan): the
   * first context is the agent's own (the guard spool is read with it); every file of a home that
   * names its account ({@link ScanContext#osUser}) is read only if that account could read it, and
   * its calls are that account's.
   */
  public Pass update(
      List<ScanContext> contexts,
      Store store,
      Map<String, Set<String>> knownServers,
      Path stateDir) {
    Map<String, UsageFile> before = store.usageFiles();
    List<FileReads.Work> work = new ArrayList<>();
    Set<String> identities = new java.util.HashSet<>();
    int files = 0;
    for (int c = 0; c < contexts.size(); c++) {
      ScanContext context = contexts.get(c);
      FileAccess access = context.osUser().isPresent() ? FileAccess.of(context.layout()) : null;
      for (UsageSources.Located l :
          UsageSources.locate(sources, context, c == 0 ? stateDir : null)) {
        Optional<Change> change = change(l, access);
        if (change.isEmpty()) {
          continue;
        }
        Change ch = change.get();
        if (!identities.add(ch.identity())) {
          // The same file under two catalog paths (CLAUDE_CONFIG_DIR=~/.claude, a hard link):
          // read and counted once.
          continue;
        }
        files++;
        UsageFile prev = before.get(ch.identity());
        if (prev == null || prev.size() != ch.size() || prev.modifiedMs() != ch.modified()) {
          work.add(
              new FileReads.Work(
                  l,
                  ch.checked(),
                  prev,
                  ch.identity(),
                  ch.size(),
                  ch.modified(),
                  knownServers.getOrDefault(l.source().client(), Set.of())));
        }
      }
    }
    List<ScanError> errors = new ArrayList<>();
    long bytes = 0;
    long calls = 0;
    long skipped = 0;
    int read = 0;
    // Files are read and stored a batch at a time, so what waits to be stored stays bounded
    // however many record files a home holds.
    for (int from = 0; from < work.size(); from += BATCH) {
      List<FileReads.Work> batch = work.subList(from, Math.min(work.size(), from + BATCH));
      List<Object> results = FileReads.readAll(batch);
      List<UsageSave> saves = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (results.get(i) instanceof FileReads.FileRead r) {
          saves.add(new UsageSave(r.state(), r.tally().buckets(), r.replace()));
          bytes += r.bytes();
          calls += r.tally().calls();
          UsageFile prev = batch.get(i).prev();
          skipped += r.state().skipped() - (r.restart() || prev == null ? 0 : prev.skipped());
        } else {
          errors.add(
              new ScanError(
                  batch.get(i).located().file().toString(),
                  "usage records unreadable: " + results.get(i)));
        }
      }
      store.saveUsage(saves);
      read += saves.size();
    }
    LOG.debug(
        "usage ledger: {} record files, {} read, {} bytes, {} calls, {} records skipped",
        files,
        read,
        bytes,
        calls,
        skipped);
    return new Pass(files, read, bytes, calls, skipped, List.copyOf(errors));
  }

  /** A record file's identity, size and time; {@code checked} when another account's. */
  private record Change(String identity, long size, long modified, FileAccess.Allowed checked) {}

  /**
   * A record file's identity, size and modification time; for a database its write-ahead log counts
   * too (a busy store grows its {@code -wal} while the main file stays as it was). Empty for what
   * is no regular file, or what the home's account could not read.
   */
  private static Optional<Change> change(UsageSources.Located l, FileAccess access) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(l.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!attrs.isRegularFile()) {
      return Optional.empty();
    }
    // Another account's file is opened as it was checked (FileAccess.open), so a link its owner
    // puts on the way afterwards is not followed; the scan's own account reads its own.
    FileAccess.Allowed checked = null;
    if (access != null) {
      FileAccess.Check check = access.check(l.file());
      if (check instanceof FileAccess.Refused r) {
        LOG.debug("usage records of {} not read: {}", l.osUser(), r.reason());
        return Optional.empty();
      }
      checked = (FileAccess.Allowed) check;
    }
    Format format = l.source().format();
    String identity =
        format.wholeFile || attrs.fileKey() == null
            ? "path:" + l.file().toAbsolutePath()
            : "key:" + attrs.fileKey();
    long size = attrs.size();
    long modified = attrs.lastModifiedTime().toMillis();
    if (format.database()) {
      Path wal = l.file().resolveSibling(l.file().getFileName() + "-wal");
      try {
        BasicFileAttributes w =
            Files.readAttributes(wal, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        size += w.size();
        modified = Math.max(modified, w.lastModifiedTime().toMillis());
      } catch (IOException noJournal) {
        // not in WAL mode, or closed cleanly: the main file is all there is
      }
    }
    return Optional.of(new Change(identity, size, modified, checked));
  }
}
