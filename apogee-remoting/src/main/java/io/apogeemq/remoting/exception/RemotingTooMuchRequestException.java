package io.apogeemq.remoting.exception;

/** The bound on outstanding async or oneway requests was reached; nothing was sent. */
public final class RemotingTooMuchRequestException extends RemotingException {

  public RemotingTooMuchRequestException(String message) {
    super(message);
  }
}
