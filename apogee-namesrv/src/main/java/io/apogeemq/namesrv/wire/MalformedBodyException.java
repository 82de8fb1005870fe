package io.apogeemq.namesrv.wire;

/** A request body that cannot be decoded; the message says what was wrong and where. */
public final class MalformedBodyException extends Exception {

  public MalformedBodyException(String message) {
    super(message);
  }

  public MalformedBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
