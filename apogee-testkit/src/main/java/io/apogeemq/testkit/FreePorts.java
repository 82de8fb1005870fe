package io.apogeemq.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1.
 *
 * <p>A port found free may be taken by another process before it is bound; callers that start a
 * server on it should retry with a new port when binding fails. Thread-safe (stateless).
 */
public final class FreePorts {

  // below Linux's default ephemeral range (32768-60999), so outgoing connections do not take them
  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;

  private FreePorts() {}

  /** One free port chosen by the OS. */
  public static int one() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A port P such that P-2, P and P+1 are all free: an official broker binds its main port, the
   * "fast" port main-2 and the HA port main+1.
   */
  public static int forBroker() throws IOException {
    for (int attempt = 0; attempt < 500; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (isFree(p - 2) && isFree(p) && isFree(p + 1)) {
        return p;
      }
    }
    throw new IOException("no free port triple (P-2, P, P+1) for a broker on 127.0.0.1 in "
        + LOW + ".." + HIGH);
  }

  /**
   * True when a server could listen on {@code port} at 127.0.0.1 right now. Checked with
   * SO_REUSEADDR, as the brokers bind: connections of a stopped broker lingering in TIME_WAIT do
   * not keep it from binding again.
   */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
