package io.apogeemq.remoting.header;

import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;

/**
 * A required header field is missing or a header field is malformed. Answered with
 * {@link ResponseCode#SYSTEM_ERROR} and a remark naming the field and the request code, as the
 * official 5.x server does.
 */
public final class HeaderFieldException extends CommandException {

  private final String field;
  private final int requestCode;

  public HeaderFieldException(int requestCode, String field, String problem) {
    super(ResponseCode.SYSTEM_ERROR,
        "request code " + requestCode + ": header field '" + field + "' " + problem);
    this.field = field;
    this.requestCode = requestCode;
  }

  public String field() {
    return field;
  }

  public int requestCode() {
    return requestCode;
  }
}
