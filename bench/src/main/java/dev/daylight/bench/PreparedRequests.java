package dev.daylight.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Complete HTTP/1.1 requests stored back to back, each preceded by its length in ASCII and a
 * newline: a format both the Java open loop and wrk's Lua script (bench/lib/bench-reports.lua) read
 * without a parser.
 */
final class PreparedRequests {
  private PreparedRequests() {}

  static byte[] post(String host, String path, String bearer, byte[] gzipBody) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: Bearer "
            + bearer
            + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
            + gzipBody.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + gzipBody.length);
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(gzipBody);
    return out.toByteArray();
  }

  /** Owner-only: every prepared request carries its agent's node key. */
  static Writer writer(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    return new Writer(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  static List<byte[]> read(Path file) throws IOException {
    List<byte[]> all = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        int len = 0;
        int b = in.read();
        if (b < 0) {
          return all;
        }
        for (; b != '\n'; b = in.read()) {
          if (b < '0' || b > '9') {
            throw new IOException(file + ": bad length prefix");
          }
          len = len * 10 + (b - '0');
        }
        byte[] req = new byte[len];
        try {
          in.readFully(req);
        } catch (EOFException e) {
          throw new IOException(file + ": truncated request", e);
        }
        all.add(req);
      }
    }
  }

  static final class Writer implements AutoCloseable {
    private final OutputStream out;

    private Writer(OutputStream out) {
      this.out = out;
    }

    void add(byte[] request) throws IOException {
      out.write((request.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(request);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
