package io.apogeemq.remoting.codec;

/**
 * A received frame violates the wire format (bad length, header past the frame, invalid JSON,
 * unknown serialization type...). The connection that sent it cannot be trusted to stay in sync and
 * is closed; nothing is answered.
 */
public final class MalformedFrameException extends RuntimeException {

  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }

  public MalformedFrameException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
