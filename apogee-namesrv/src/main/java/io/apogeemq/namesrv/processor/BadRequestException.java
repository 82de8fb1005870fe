package io.apogeemq.namesrv.processor;

/** A request the NameServer cannot serve as sent; the message becomes the error remark. */
public final class BadRequestException extends Exception {

  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
