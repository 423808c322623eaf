package dev.daylight.agent.usage;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.store.UsageFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Reads the record files that changed since the last pass: each from its stored offset (or whole,
 * or again from its start when it was truncated or replaced), on up to two threads.
 */
final class FileReads {
  private static final int HEAD = 256;
  private static final int PARALLELISM = 2;

  /** How long one batch of files may take before what is left is reported unread. */
  static final Duration BATCH_TIME = Duration.ofMinutes(2);

  private FileReads() {}

  /**
   * One record file to read; {@code checked}, another account's file as {@code FileAccess} allowed
   * it, is opened as checked, else the file is the scan's own account's.
   */
  record Work(
      UsageSources.Located located,
      FileAccess.Allowed checked,
      UsageFile prev,
      String identity,
      long size,
      long modified,
      Set<String> known) {}

  /**
   * Reads the changed files on up to two threads (the records are independent; two keep a busy
   * laptop responsive), each with its own line window. A result is a {@link FileRead} or, for a
   * file that could not be read, the name of what went wrong. The batch has {@link #BATCH_TIME}: a
   * file that holds its reader longer (a FIFO put in a checked file's place blocks the open) is
   * left unread with a reason, and the pass goes on without waiting for it.
   */
  static List<Object> readAll(List<Work> work) {
    return readAll(work, BATCH_TIME);
  }

  static List<Object> readAll(List<Work> work, Duration limit) {
    AtomicReferenceArray<Object> out = new AtomicReferenceArray<>(work.size());
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + limit.toNanos();
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < Math.min(PARALLELISM, work.size()); t++) {
      Thread th =
          new Thread(
              () -> {
                LineReader reader = new LineReader();
                for (int i = next.getAndIncrement();
                    i < work.size() && System.nanoTime() - deadline < 0;
                    i = next.getAndIncrement()) {
                  out.set(i, readOne(work.get(i), reader));
                }
              },
              "usage-ledger-" + t);
      th.setDaemon(true); // one stuck in an open must not keep the agent from exiting
      th.start();
      pool.add(th);
    }
    try {
      for (Thread th : pool) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(th, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading usage records", e);
    }
    List<Object> results = new ArrayList<>(work.size());
    for (int i = 0; i < work.size(); i++) {
      Object r = out.get(i);
      results.add(r != null ? r : "not read within " + limit.toSeconds() + " s");
    }
    return results;
  }

  private static Object readOne(Work w, LineReader reader) {
    try {
      return readFile(w, reader);
    } catch (ClientDb.Unreadable e) {
      return e.getMessage();
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  record FileRead(UsageFile state, Tally tally, long bytes, boolean restart, boolean replace) {}

  private static FileRead readFile(Work w, LineReader reader) throws IOException {
    UsageSources.Located l = w.located();
    UsageFile prev = w.prev();
    String identity = w.identity();
    long size = w.size();
    long modified = w.modified();
    Collection<String> known = w.known();
    Format format = l.source().format();
    if (format.database()) {
      return readDatabase(w);
    }
    try (FileChannel ch = open(w)) {
      String head = size >= HEAD ? head(ch) : null;
      boolean restart =
          prev == null
              || format.wholeFile
              || size < prev.offset()
              || (head != null && prev.headHash() != null && !head.equals(prev.headHash()));
      // A rewritten record replaces what it gave before; a log that was cleared keeps its history.
      boolean replace =
          prev != null && restart && (format.wholeFile || format == Format.GEMINI_CHAT);
      Memo memo = restart ? Memo.EMPTY : Memo.decode(prev.memo());
      Reading reading = reading(l, known, memo);
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
      return done(
          l, prev, identity, size, modified, head, reading, offset, bytes, restart, replace);
    }
  }

  /**
   * A client's SQLite store goes on from the cursor its reader left; its first bytes change with
   * every write (SQLite's change counter), so only a new file (another identity) starts again.
   */
  private static FileRead readDatabase(Work w) throws IOException {
    UsageSources.Located l = w.located();
    UsageFile prev = w.prev();
    Memo memo = prev == null ? Memo.EMPTY : Memo.decode(prev.memo());
    Reading reading = reading(l, w.known(), memo);
    // SQLite opens by name and would follow a link put on the checked path since (its driver has
    // no no-follow flag); the path is at least the checked real one, read-only.
    Path file = w.checked() != null ? w.checked().real() : l.file();
    ((Parser.Database) l.source().format().parser()).read(file, reading);
    return done(
        l,
        prev,
        w.identity(),
        w.size(),
        w.modified(),
        null,
        reading,
        w.size(),
        w.size(),
        prev == null,
        false);
  }

  private static Reading reading(UsageSources.Located l, Collection<String> known, Memo memo) {
    Format format = l.source().format();
    String project = memo.project() != null ? memo.project() : Projects.initial(format, l);
    Reading reading =
        new Reading(
            l.source().client(),
            Naming.parse(l.source().naming()),
            known,
            FileServers.of(l.source().naming(), l.file(), known),
            new Tally(format.id),
            project,
            memo.seen(),
            memo.pending());
    reading.cursor = memo.cursor();
    reading.builtins = l.source().builtins();
    return reading;
  }

  private static FileRead done(
      UsageSources.Located l,
      UsageFile prev,
      String identity,
      long size,
      long modified,
      String head,
      Reading reading,
      long offset,
      long bytes,
      boolean restart,
      boolean replace) {
    long skippedBefore = restart || prev == null ? 0 : prev.skipped();
    Format format = l.source().format();
    // A database's rows name their own projects: only the cursor is carried, not the last row's.
    String project = format.database() ? null : reading.project;
    UsageFile state =
        new UsageFile(
            identity,
            l.file().toAbsolutePath().toString(),
            format.id,
            l.source().client(),
            size,
            offset,
            modified,
            head,
            new Memo(project, reading.seenIds(), reading.waiting(), reading.cursor).encode(),
            skippedBefore + reading.skipped + reading.tally.dropped(),
            l.osUser());
    return new FileRead(state, reading.tally, bytes, restart, replace);
  }

  /**
   * Another account's file as it was checked; the scan's own without following a link (it was
   * checked to be a regular file, so a link there now was put in its place since).
   */
  private static FileChannel open(Work w) throws IOException {
    return w.checked() != null
        ? FileAccess.open(w.checked())
        : FileChannel.open(w.located().file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  }

  private static String head(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEAD);
    while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
      // fill the first bytes
    }
    return DigestUtils.sha256Hex(b.array()).substring(0, 16);
  }
}
