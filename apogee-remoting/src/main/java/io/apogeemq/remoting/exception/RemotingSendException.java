package io.apogeemq.remoting.exception;

/** The request could not be written, or the connection closed before its response arrived. */
public final class RemotingSendException extends RemotingException {

  public RemotingSendException(String message, Throwable cause) {
    super(message, cause);
  }
}
