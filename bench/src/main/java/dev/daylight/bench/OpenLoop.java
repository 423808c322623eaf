package dev.daylight.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers prepared reports at a fixed rate and counts each one's latency from the moment it was due,
 * not from when a connection was free to send it: when the collector stalls, every request
 * scheduled during the stall counts the wait (no coordinated omission). Plain sockets with
 * keep-alive; the requests are bytes ready to send, so the generator's own CPU stays small.
 */
final class OpenLoop {
  private final InetSocketAddress address;
  private final List<byte[]> requests;
  private final long start;
  private final double intervalNanos;
  private final int total;
  private final long[] latency;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();

  private OpenLoop(InetSocketAddress address, List<byte[]> requests, int perSecond, int seconds) {
    this.address = address;
    this.requests = requests;
    this.total = Math.min(requests.size(), perSecond * seconds);
    this.intervalNanos = 1e9 / perSecond;
    this.latency = new long[total];
    this.start = System.nanoTime() + 100_000_000L;
  }

  static void run(URI base, Path file, int perSecond, int seconds, int connections)
      throws Exception {
    List<byte[]> requests = PreparedRequests.read(file);
    if (requests.size() < perSecond * seconds) {
      throw new IllegalArgumentException(
          file + " holds " + requests.size() + " requests, fewer than " + perSecond * seconds);
    }
    // Reading the requests filled most of the young generation: without a collection now, the
    // generator's own pause (10-27 ms) fell in the loop's first 50 ms and counted as the
    // collector's.
    System.gc();
    OpenLoop loop =
        new OpenLoop(
            new InetSocketAddress(base.getHost(), base.getPort()), requests, perSecond, seconds);
    Thread[] threads = new Thread[connections];
    for (int i = 0; i < connections; i++) {
      threads[i] = new Thread(loop::connection, "open-loop-" + i);
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] lat = loop.latency.clone();
    Arrays.sort(lat);
    System.out.printf(
        "open loop: %d reports/s offered for %d s over %d connections: p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms, errors %d%n",
        perSecond,
        seconds,
        connections,
        Bench.pct(lat, 50),
        Bench.pct(lat, 99),
        lat[lat.length - 1] / 1e6,
        loop.errors.get());
  }

  private void connection() {
    Socket socket = null;
    InputStream in = null;
    try {
      for (int i; (i = next.getAndIncrement()) < total; ) {
        long due = start + (long) (i * intervalNanos);
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
        try {
          if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
          }
          if (send(socket.getOutputStream(), in, requests.get(i)) != 200) {
            errors.incrementAndGet();
          }
        } catch (IOException e) {
          errors.incrementAndGet();
          close(socket);
          socket = null;
        }
        latency[i] = System.nanoTime() - due;
      }
    } finally {
      close(socket);
    }
  }

  /** Sends one request and reads its whole response; returns the status code. */
  private static int send(OutputStream out, InputStream in, byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String status = line(in);
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String h; !(h = line(in)).isEmpty(); ) {
      if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    in.readNBytes(length);
    return code;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
