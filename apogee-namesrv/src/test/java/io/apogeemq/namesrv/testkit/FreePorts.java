package io.apogeemq.namesrv.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on 127.0.0.1. */
public final class FreePorts {

  private FreePorts() {}

  /** One free port chosen by the OS. */
  public static int one() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A port P such that P-2, P and P+1 are all free, as an official broker binds all three (main,
   * "fast" and HA ports).
   */
  public static int forBroker() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(p - 2) && free(p) && free(p + 1)) {
        return p;
      }
    }
    throw new IOException("no free port triple for a broker on 127.0.0.1");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
