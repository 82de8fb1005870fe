package io.apogeemq.remoting.exception;

/** A request could not be completed by the remoting layer (connect, send, timeout, flow control). */
public class RemotingException extends Exception {

  public RemotingException(String message) {
    super(message);
  }

  public RemotingException(String message, Throwable cause) {
    super(message, cause);
  }
}
