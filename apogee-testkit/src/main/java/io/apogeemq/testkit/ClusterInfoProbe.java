package io.apogeemq.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a NameServer for its cluster info ({@code GET_BROKER_CLUSTER_INFO}, code 106) over a plain
 * socket, to tell when a NameServer answers and when a broker has registered.
 *
 * <p>Frame written (remoting.md): int32 total length | int32 (serializeType 0 &lt;&lt; 24 | header
 * length) | JSON header. The answer is read as one frame and returned as text (header and body),
 * which is enough to look for an address. Stateless and thread-safe.
 */
public final class ClusterInfoProbe {

  private static final String REQUEST = "{\"code\":106,\"flag\":0,\"language\":\"JAVA\","
      + "\"opaque\":1,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}";
  private static final int MAX_FRAME = 4 * 1024 * 1024;

  private ClusterInfoProbe() {}

  /** The whole answer frame as text, or throws when the NameServer does not answer in time. */
  public static String query(String host, int port, int timeoutMillis) throws IOException {
    byte[] header = REQUEST.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(4 + header.length);
      out.writeInt(header.length);
      out.write(header);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int length = in.readInt();
      if (length < 4 || length > MAX_FRAME) {
        throw new IOException("cluster info answer from " + host + ":" + port
            + " has a bad frame length " + length);
      }
      byte[] frame = new byte[length];
      in.readFully(frame);
      return new String(frame, 4, length - 4, StandardCharsets.UTF_8);
    }
  }

  /** True when the NameServer at {@code namesrv} lists a broker at {@code brokerAddress}. */
  public static boolean lists(String namesrvHost, int namesrvPort, String brokerAddress) {
    try {
      return query(namesrvHost, namesrvPort, 2_000).contains(brokerAddress);
    } catch (IOException e) {
      return false;
    }
  }

  /** True when the NameServer answers at all. */
  public static boolean answers(String namesrvHost, int namesrvPort) {
    try {
      return query(namesrvHost, namesrvPort, 2_000).contains("\"code\"");
    } catch (IOException e) {
      return false;
    }
  }
}
