package dev.daylight.collector.policy;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The whole intel snapshot the administrator uploads (what {@code daylight intel compile} writes:
 * gzip of the compact form), which every agent fetches once per change: the way a fleet gets a
 * newer malicious-packages data set than the one its agents were built with. Record-by-record intel
 * still flows in the policy answers; this carries hundreds of thousands of lines in one go.
 */
public final class IntelSnapshots {
  /** The first line of the compact form, as the agent writes it. */
  static final String HEADER = "# daylight-osv-compact 1";

  /**
   * A snapshot larger than this once inflated is refused (the full data set is a few tens of MB).
   */
  static final long MAX_INFLATED = 512L << 20;

  /** One stored snapshot; {@code etag} is its SHA-256 in quotes. */
  public record Snapshot(String sha256, byte[] body, long lines) {
    public String etag() {
      return "\"" + sha256 + "\"";
    }
  }

  private final Database db;
  private final WriteQueue writes;
  private volatile Snapshot cached;

  public IntelSnapshots(Database db, WriteQueue writes) {
    this.db = db;
    this.writes = writes;
  }

  /**
   * Checks and stores {@code gz} in place of the previous snapshot; a broken one is a 400, nothing
   * changes.
   */
  public Snapshot store(byte[] gz, String by, long now) throws SQLException {
    ApiException.requireBy(by, "uploads it");
    long lines = check(gz);
    String sha = sha256(gz);
    writes.submit(
        "intel-snapshot",
        c -> {
          try (PreparedStatement del = c.prepareStatement("DELETE FROM intel_snapshot");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO intel_snapshot (sha256, body, bytes, lines,"
                          + " uploaded_at, by_whom) VALUES (?,?,?,?,?,?)")) {
            del.executeUpdate();
            ins.setString(1, sha);
            ins.setString(2, Base64.getEncoder().encodeToString(gz));
            ins.setLong(3, gz.length);
            ins.setLong(4, lines);
            ins.setLong(5, now);
            ins.setString(6, by);
            ins.executeUpdate();
          }
          return null;
        });
    return new Snapshot(sha, gz, lines);
  }

  /** The stored snapshot, decoded once per change (several collectors share the database). */
  public Optional<Snapshot> latest() throws SQLException {
    try (Connection c = db.read()) {
      String sha;
      try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM intel_snapshot");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        sha = rs.getString(1);
      }
      Snapshot known = cached;
      if (known != null && known.sha256().equals(sha)) {
        return Optional.of(known);
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT body, lines FROM intel_snapshot WHERE sha256 = ?")) {
        ps.setString(1, sha);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty(); // replaced in between: the next call sees the new one
          }
          Snapshot s =
              new Snapshot(sha, Base64.getDecoder().decode(rs.getString(1)), rs.getLong(2));
          cached = s;
          return Optional.of(s);
        }
      }
    }
  }

  /** Longest line a compact snapshot has (an OSV record's few fields); longer is not one. */
  static final int MAX_LINE = 64 * 1024;

  /**
   * The number of record lines; refuses what is not gzip of the compact form, counting inflated
   * bytes as they come and lines as they grow, so no upload can inflate past the caps in memory.
   */
  static long check(byte[] gz) {
    long lines = 0;
    long number = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new Capped(new GZIPInputStream(new ByteArrayInputStream(gz))),
                StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      for (int ch = r.read(); ; ch = r.read()) {
        if (ch != -1 && ch != '\n') {
          if (line.length() >= MAX_LINE) {
            throw ApiException.badRequest(
                "snapshot line " + (number + 1) + " is over " + (MAX_LINE >> 10) + " KiB");
          }
          line.append((char) ch);
          continue;
        }
        if (ch == -1 && line.length() == 0) {
          break;
        }
        number++;
        String text = line.toString();
        line.setLength(0);
        if (number == 1) {
          if (!text.equals(HEADER)) {
            throw ApiException.badRequest(
                "not a Daylight intel snapshot (make one with daylight intel compile)");
          }
        } else if (!text.isEmpty() && !text.startsWith("#")) {
          if (text.split("\t", -1).length < 8) {
            throw ApiException.badRequest(
                "snapshot line " + number + " is not a compact intel line");
          }
          lines++;
        }
        if (ch == -1) {
          break;
        }
      }
    } catch (IOException e) {
      throw ApiException.badRequest("snapshot is not valid gzip");
    }
    if (number == 0) {
      throw ApiException.badRequest(
          "not a Daylight intel snapshot (make one with daylight intel compile)");
    }
    if (lines == 0) {
      throw ApiException.badRequest("snapshot holds no intel lines; the stored one is kept");
    }
    return lines;
  }

  /** The inflated stream, refused (413) past {@link #MAX_INFLATED} bytes. */
  private static final class Capped extends java.io.FilterInputStream {
    private long read;

    Capped(java.io.InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > MAX_INFLATED) {
        throw new ApiException(413, "snapshot over " + (MAX_INFLATED >> 20) + " MiB once inflated");
      }
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
