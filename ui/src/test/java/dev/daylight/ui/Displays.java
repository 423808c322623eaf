package dev.daylight.ui;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an X display can really be reached, not just whether DISPLAY is set. */
public final class Displays {
  public static final String SKIP =
      "No X display reachable: run the UI tests under xvfb-run (as .ci/run does)";

  private Displays() {}

  public static boolean reachable() {
    String display = System.getenv("DISPLAY");
    if (display == null || display.isBlank()) {
      return false;
    }
    int colon = display.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    String host = display.substring(0, colon);
    String rest = display.substring(colon + 1);
    int dot = rest.indexOf('.');
    int number;
    try {
      number = Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    if (host.isEmpty() || host.equals("unix")) {
      Path socket = Path.of("/tmp/.X11-unix/X" + number);
      if (!Files.exists(socket)) {
        return false;
      }
      try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        return ch.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        return false;
      }
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, 6000 + number), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
