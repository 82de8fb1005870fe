package io.apogeemq.remoting.exception;

/** No response arrived within the request's timeout; a late response is dropped. */
public final class RemotingTimeoutException extends RemotingException {

  public RemotingTimeoutException(String message) {
    super(message);
  }
}
