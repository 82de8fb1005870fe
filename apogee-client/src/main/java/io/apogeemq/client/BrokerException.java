package io.apogeemq.client;

/** A broker or NameServer answered a request with an error code. */
public final class BrokerException extends ClientException {

  private final int code;
  private final String peer;

  public BrokerException(int code, String remark, String peer, String context) {
    super(context + ": " + peer + " answered code " + code + (remark == null ? "" : " (" + remark + ")"));
    this.code = code;
    this.peer = peer;
  }

  /** The response code (see {@code io.apogeemq.remoting.protocol.ResponseCode}). */
  public int code() {
    return code;
  }

  /** The {@code host:port} that answered. */
  public String peer() {
    return peer;
  }
}
