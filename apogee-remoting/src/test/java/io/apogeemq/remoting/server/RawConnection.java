package io.apogeemq.remoting.server;

import io.apogeemq.remoting.codec.FrameCodec;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking socket speaking raw frames, for tests that need byte-level control. */
final class RawConnection implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawConnection(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(RemotingCommand command) throws IOException {
    ByteBuf frame = Unpooled.buffer();
    FrameCodec.encode(command, frame);
    sendBytes(ByteBufUtil.getBytes(frame));
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one whole frame, length prefix included. */
  byte[] readFrame() throws IOException {
    int length = in.readInt();
    byte[] frame = new byte[4 + length];
    Unpooled.wrappedBuffer(frame).setInt(0, length);
    in.readFully(frame, 4, length);
    return frame;
  }

  RemotingCommand read() throws IOException {
    return FrameCodec.decode(Unpooled.wrappedBuffer(readFrame()));
  }

  /** Whether the server closed the connection within the socket timeout. */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset
    }
  }

  boolean readTimesOut(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      in.readInt();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (EOFException e) {
      return false;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
