package io.apogeemq.remoting.exception;

/** No connection to the peer could be established within the allowed time. */
public final class RemotingConnectException extends RemotingException {

  public RemotingConnectException(String address, Throwable cause) {
    super("cannot connect to " + address + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }
}
