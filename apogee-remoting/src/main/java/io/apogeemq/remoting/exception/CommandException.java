package io.apogeemq.remoting.exception;

import io.apogeemq.remoting.protocol.ResponseCode;

/**
 * Thrown by a processor or a hook to answer the current request with a specific error code and
 * remark instead of the generic {@link ResponseCode#SYSTEM_ERROR}. An expected condition: the server
 * logs it without a stack trace.
 */
public class CommandException extends RuntimeException {

  private final int responseCode;

  public CommandException(int responseCode, String remark) {
    super(remark, null, false, false);
    this.responseCode = responseCode;
  }

  /** The response code the request is answered with. */
  public int responseCode() {
    return responseCode;
  }
}
