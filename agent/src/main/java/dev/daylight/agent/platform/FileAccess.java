package dev.daylight.agent.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a scan opens the files of one home. A scan may run as root over every user's home, and those
 * users write the files it reads, so each read is bounded:
 *
 * <ul>
 *   <li>links (of the file or of any folder above it) are followed only while they stay in the home
 *       (its real path) or in a system location the layout names (machine-wide config, global
 *       package folders, the Nix store);
 *   <li>only regular files are opened (a FIFO would block the open, a device would never end);
 *   <li>at most {@code maxBytes} are read, within {@link #READ_TIME} (a slow filesystem cannot hold
 *       a scan), and the size is checked before the read (a sparse file is refused unread);
 *   <li>when the home belongs to another account than the one running the scan, the file must be
 *       readable by the home's owner ({@link Ownership}), so root never sees more than the user.
 * </ul>
 *
 * Refusals carry a reason and never a byte of the file.
 */
public final class FileAccess {
  /** How long reading one file may take once it is open. */
  public static final java.time.Duration READ_TIME = java.time.Duration.ofSeconds(5);

  private static final int CHUNK = 64 * 1024;

  /** What reading one file gave. */
  public sealed interface Read {}

  /** The file's bytes. */
  public record Content(byte[] bytes) implements Read {}

  /** No file at that path: not an error. */
  public record Absent() implements Read, Lookup {}

  /** The file exists but was not read (or may not be); the reason names no content. */
  public record Refused(String reason) implements Read, Check, Lookup {}

  /** What checking a file for a reader of its own gave ({@link #check}). */
  public sealed interface Check {}

  /** The file may be read: {@link #open} opens {@code real}, the path the checks were made on. */
  public record Allowed(Path real) implements Check {}

  /** What looking a file up before reading it gave. */
  private sealed interface Lookup permits Found, Absent, Refused {}

  /** A file that exists, with its real path and its own attributes (a link's target's). */
  private record Found(Path real, BasicFileAttributes attrs) implements Lookup {}

  private final Path home;
  private final Path realHome;
  private final List<Path> systemRoots;
  private final Optional<Ownership> owner;

  private FileAccess(Path home, Path realHome, List<Path> systemRoots, Optional<Ownership> owner) {
    this.home = home;
    this.realHome = realHome;
    this.systemRoots = systemRoots;
    this.owner = owner;
  }

  /**
   * Reads of {@code layout}'s home: the home, the layout's machine-wide roots and {@code extra}
   * roots.
   */
  public static FileAccess of(Layout layout, List<Path> extra) {
    List<Path> roots = new ArrayList<>();
    if (layout.realMachine()) {
      for (Root r : new Root[] {Root.ETC, Root.SYSTEM_CONFIG, Root.PROGRAM_FILES}) {
        layout.root(r).ifPresent(roots::add);
      }
      roots.addAll(SystemLocations.of(layout.os()));
    }
    roots.addAll(extra);
    List<Path> real = new ArrayList<>();
    for (Path r : roots) {
      real(r).ifPresent(real::add);
    }
    Path home = layout.home();
    return new FileAccess(home, real(home).orElse(home), List.copyOf(real), Ownership.of(home));
  }

  public static FileAccess of(Layout layout) {
    return of(layout, List.of());
  }

  /** The file's bytes, up to {@code maxBytes}; a larger file is refused. */
  public Read read(Path file, long maxBytes) {
    Lookup found = find(file);
    if (!(found instanceof Found f)) {
      return (Read) found;
    }
    BasicFileAttributes attrs = f.attrs();
    if (attrs.isDirectory()) {
      return new Refused("is a directory, expected a file");
    }
    if (!attrs.isRegularFile()) {
      return new Refused("not a regular file (" + kind(attrs) + "), not opened");
    }
    if (attrs.size() > maxBytes) {
      return new Refused("file too large (" + attrs.size() + " bytes, limit " + maxBytes + ")");
    }
    Optional<String> denied = denied(f.real());
    return denied.isPresent() ? new Refused(denied.get()) : readBounded(f.real(), maxBytes);
  }

  /**
   * Whether a file may be streamed by a reader of its own (the usage ledger reads records
   * incrementally, not whole): the same link, file-kind and owner checks as {@link #read}, without
   * the size limit. The reader opens the real path {@link Allowed} names, not the given one.
   */
  public Check check(Path file) {
    Lookup found = find(file);
    if (!(found instanceof Found f)) {
      return found instanceof Refused r ? r : new Refused("no such file");
    }
    if (!f.attrs().isRegularFile()) {
      return new Refused("not a regular file, not opened");
    }
    Optional<String> denied = denied(f.real());
    return denied.isPresent() ? new Refused(denied.get()) : new Allowed(f.real());
  }

  /**
   * The file's real path and attributes ({@link Found}) when every link on the way (a linked folder
   * such as {@code ~/.cursor -> another home} as much as the file) stays where reads may go;
   * otherwise {@link Absent} or {@link Refused}.
   */
  private Lookup find(Path file) {
    try {
      BasicFileAttributes link =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Path real = file.toRealPath();
      if (!allowed(real)) {
        return new Refused(
            link.isSymbolicLink()
                ? "symbolic link leads outside the home"
                : "a linked folder leads outside the home");
      }
      return new Found(
          real,
          link.isSymbolicLink()
              ? Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              : link);
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(file) ? new Refused("dangling symbolic link") : new Absent();
    } catch (AccessDeniedException e) {
      return new Refused("permission denied");
    } catch (FileSystemException e) {
      String why = e.getReason() == null ? "" : e.getReason().toLowerCase(java.util.Locale.ROOT);
      return new Refused(
          why.contains("symbolic") || why.contains("links") ? "symbolic link loop" : "unreadable");
    } catch (IOException | SecurityException e) {
      return new Refused("unreadable");
    }
  }

  /** Why the home's owner could not read the file at {@code real}, when another account scans. */
  private Optional<String> denied(Path real) {
    return owner.isPresent() ? owner.get().denies(real, realHome) : Optional.empty();
  }

  /**
   * Opens a file {@link #check} allowed, for reading. Where the platform offers it (Linux), every
   * folder from the root down and the file are opened one inside the other without following a
   * link, so a link the file's owner puts anywhere on the checked path afterwards (a folder renamed
   * away and a link to another account's records in its place) fails the open instead of leading
   * elsewhere; elsewhere only the file itself is opened without following a link.
   */
  public static FileChannel open(Allowed allowed) throws IOException {
    // On a thread of its own, within the read time: a FIFO put in the place of a checked folder or
    // file blocks its open until someone writes to it, and Java cannot open without blocking. A
    // walk that holds is left behind (it closes what it gets, if it ever gets it): such a process
    // is a scan, which ends soon.
    AtomicBoolean abandoned = new AtomicBoolean();
    FutureTask<FileChannel> walk =
        new FutureTask<>(
            () -> {
              FileChannel ch = walk(allowed.real());
              if (abandoned.get()) {
                ch.close();
              }
              return ch;
            });
    Thread t = new Thread(walk, "daylight-open");
    t.setDaemon(true);
    t.start();
    try {
      return walk.get(READ_TIME.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandoned.set(true);
      throw new IOException("did not open within " + READ_TIME.toSeconds() + " s (not a file?)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      abandoned.set(true);
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while opening " + allowed.real());
    }
  }

  /** Folder by folder from the root, then the file, none of them through a link. */
  private static FileChannel walk(Path real) throws IOException {
    Path root = real.getRoot();
    if (root == null || real.getNameCount() < 1) {
      throw new IOException("not an absolute path to a file");
    }
    DirectoryStream<Path> top = Files.newDirectoryStream(root);
    if (!(top instanceof SecureDirectoryStream<Path> dir)) {
      top.close();
      return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
    try {
      for (int i = 0; i < real.getNameCount() - 1; i++) {
        SecureDirectoryStream<Path> next =
            dir.newDirectoryStream(real.getName(i), LinkOption.NOFOLLOW_LINKS);
        dir.close();
        dir = next;
      }
      SeekableByteChannel ch =
          dir.newByteChannel(
              real.getFileName(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
      if (ch instanceof FileChannel file) {
        return file;
      }
      ch.close();
      return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } finally {
      dir.close();
    }
  }

  /**
   * Whether a folder named by a setting the user controls ({@code .npmrc cache=}) may be read: its
   * real path is in the home or a system location, and the home's owner may enter it.
   */
  public boolean mayReadFolder(Path dir) {
    Optional<Path> real = real(dir);
    if (real.isEmpty()) {
      return false;
    }
    if (!allowed(real.get())) {
      return false;
    }
    return owner.isEmpty() || owner.get().mayEnter(real.get(), realHome);
  }

  /** The home this access reads. */
  public Path home() {
    return home;
  }

  private boolean allowed(Path real) {
    if (real.startsWith(realHome)) {
      return true;
    }
    for (Path r : systemRoots) {
      if (real.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Read in chunks within the time cap. Another account's file is opened as checked ({@link #open}:
   * a link its owner puts on the checked path since fails the open); the scan's own without
   * following a link in the file's place (the walk would need read access to every folder above,
   * which an account need not have where root always does).
   */
  private Read readBounded(Path real, long maxBytes) {
    long deadline = System.nanoTime() + READ_TIME.toNanos();
    try (SeekableByteChannel ch =
        owner.isPresent()
            ? open(new Allowed(real))
            : Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > maxBytes) {
        return new Refused("file too large (" + size + " bytes, limit " + maxBytes + ")");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes + 1, Math.max(size + 1, CHUNK)));
      while (true) {
        if (!buf.hasRemaining()) {
          if (buf.capacity() > maxBytes) {
            return new Refused("file too large (grew past " + maxBytes + " bytes while read)");
          }
          ByteBuffer bigger =
              ByteBuffer.allocate((int) Math.min(maxBytes + 1, (long) buf.capacity() * 2));
          buf.flip();
          bigger.put(buf);
          buf = bigger;
        }
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          return new Refused("reading took longer than " + READ_TIME.toSeconds() + " s");
        }
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      return new Content(out);
    } catch (NoSuchFileException e) {
      return new Absent();
    } catch (AccessDeniedException e) {
      return new Refused("permission denied");
    } catch (FileSystemException e) {
      return new Refused("file changed while read (a link or not a regular file), not read");
    } catch (IOException | SecurityException e) {
      return new Refused("unreadable");
    }
  }

  private static String kind(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return "link";
    }
    return a.isOther() ? "device, FIFO or socket" : "special file";
  }

  private static Optional<Path> real(Path p) {
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
