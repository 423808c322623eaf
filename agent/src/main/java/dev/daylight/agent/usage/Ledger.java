package dev.daylight.agent.usage;

import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.UsageFile;
import dev.daylight.agent.store.UsageSave;
import dev.daylight.protocol.ScanError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the ledger up to date: finds the clients' record files, reads what each gained since the
 * last pass (by file identity, size and offset kept in the store) and stores the calls found.
 * A file that cannot be read is one error; the others are still read.
 */
public final class Ledger {
  /** What one pass did. */
  public record Pass(int files, int filesRead, long bytesRead, long calls, long skipped,
      List<ScanError> errors) {}

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  private static final int HEAD = 256;
  private static final int PARALLELISM = 2;
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
  public Pass update(ScanContext context, Store store, Map<String, Set<String>> knownServers,
      Path stateDir) {
    Map<String, UsageFile> before = store.usageFiles();
    List<Work> work = new ArrayList<>();
    Set<String> identities = new java.util.HashSet<>();
    int files = 0;
    for (UsageSources.Located l : UsageSources.locate(sources, context, stateDir)) {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(l.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue;
      }
      if (!attrs.isRegularFile()) {
        continue;
      }
      files++;
      String identity = l.source().format().wholeFile || attrs.fileKey() == null
          ? "path:" + l.file().toAbsolutePath() : "key:" + attrs.fileKey();
      if (!identities.add(identity)) {
        continue; // the same file under two catalog paths (CLAUDE_CONFIG_DIR=~/.claude): read once
      }
      UsageFile prev = before.get(identity);
      long size = attrs.size();
      long modified = attrs.lastModifiedTime().toMillis();
      if (prev == null || prev.size() != size || prev.modifiedMs() != modified) {
        work.add(new Work(l, prev, identity, size, modified,
            knownServers.getOrDefault(l.source().client(), Set.of())));
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
      List<Work> batch = work.subList(from, Math.min(work.size(), from + BATCH));
      List<Object> results = readAll(batch);
      List<UsageSave> saves = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (results.get(i) instanceof FileRead r) {
          saves.add(new UsageSave(r.state(), r.tally().buckets(), r.replace()));
          bytes += r.bytes();
          calls += r.tally().calls();
          UsageFile prev = batch.get(i).prev();
          skipped += r.state().skipped() - (r.restart() || prev == null ? 0 : prev.skipped());
        } else {
          errors.add(new ScanError(batch.get(i).located().file().toString(),
              "usage records unreadable: " + results.get(i)));
        }
      }
      store.saveUsage(saves);
      read += saves.size();
    }
    LOG.debug("usage ledger: {} record files, {} read, {} bytes, {} calls, {} records skipped",
        files, read, bytes, calls, skipped);
    return new Pass(files, read, bytes, calls, skipped, List.copyOf(errors));
  }

  private record Work(UsageSources.Located located, UsageFile prev, String identity, long size,
      long modified, Set<String> known) {}

  /**
   * Reads the changed files on up to two threads (the records are independent; two keep a busy
   * laptop responsive), each with its own line window. A result is a {@link FileRead} or, for a
   * file that could not be read, the name of what went wrong.
   */
  private List<Object> readAll(List<Work> work) {
    Object[] out = new Object[work.size()];
    int threads = Math.min(PARALLELISM, work.size());
    if (threads <= 1) {
      LineReader reader = new LineReader();
      for (int i = 0; i < work.size(); i++) {
        out[i] = readOne(work.get(i), reader);
      }
      return Arrays.asList(out);
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        LineReader reader = new LineReader();
        for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
          out[i] = readOne(work.get(i), reader);
        }
      }, "usage-ledger-" + t);
      th.setDaemon(true);
      th.start();
      pool.add(th);
    }
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading usage records", e);
      }
    }
    return Arrays.asList(out);
  }

  private Object readOne(Work w, LineReader reader) {
    try {
      return readFile(w.located(), w.prev(), w.identity(), w.size(), w.modified(), w.known(), reader);
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  private record FileRead(UsageFile state, Tally tally, long bytes, boolean restart, boolean replace) {}

  private FileRead readFile(UsageSources.Located l, UsageFile prev, String identity, long size,
      long modified, Collection<String> known, LineReader reader) throws IOException {
    Format format = l.source().format();
    try (FileChannel ch = FileChannel.open(l.file(), StandardOpenOption.READ)) {
      String head = size >= HEAD ? head(ch) : null;
      boolean restart = prev == null || format.wholeFile || size < prev.offset()
          || (head != null && prev.headHash() != null && !head.equals(prev.headHash()));
      // A rewritten record replaces what it gave before; a log that was cleared keeps its history.
      boolean replace = prev != null && restart && (format.wholeFile || format == Format.GEMINI_CHAT);
      Memo memo = restart ? Memo.EMPTY : Memo.decode(prev.memo());
      Tally tally = new Tally(format.id);
      String project = memo.project() != null ? memo.project() : Projects.initial(format, l.file());
      Reading reading = new Reading(l.source().client(), Naming.parse(l.source().naming()), known,
          FileServers.of(l.source().naming(), l.file(), known), tally, project, memo.seen());
      long from = restart ? 0 : prev.offset();
      long offset;
      long bytes;
      Parser parser = format.parser();
      if (parser instanceof Parser.Lines lines) {
        long before = reader.bytesRead;
        offset = reader.read(ch, from, size, format.needles, lines, reading);
        bytes = reader.bytesRead - before;
      } else {
        InputStream in = Channels.newInputStream(ch.position(0));
        ((Parser.Document) parser).read(in, reading);
        offset = size;
        bytes = size;
      }
      long skippedBefore = restart ? 0 : prev.skipped();
      UsageFile state = new UsageFile(identity, l.file().toAbsolutePath().toString(), format.id,
          l.source().client(), size, offset, modified, head,
          new Memo(reading.project, reading.seenIds()).encode(), skippedBefore + reading.skipped);
      return new FileRead(state, tally, bytes, restart, replace);
    }
  }

  private static String head(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEAD);
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // fill the first bytes
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.array());
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
