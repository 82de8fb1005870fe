package io.apogeemq.common.message;

/** A byte sequence that is not a well-formed message record or batch entry; says where and why. */
public final class MalformedRecordException extends RuntimeException {

  public MalformedRecordException(String message) {
    super(message);
  }
}
