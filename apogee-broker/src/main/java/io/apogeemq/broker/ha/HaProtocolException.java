package io.apogeemq.broker.ha;

/** A replication peer sent a frame that breaks {@link HaWire}; the connection is closed. */
public final class HaProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HaProtocolException(String message) {
    super(message);
  }
}
