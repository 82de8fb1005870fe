package io.apogeemq.namesrv.processor;

/** Serves one family of request codes. Implementations are thread-safe. */
public interface RequestProcessor {

  /**
   * Serves a request whose code this processor registered for.
   *
   * @throws BadRequestException when the request is malformed; its message becomes the remark of a
   *     {@code SYSTEM_ERROR} response
   */
  NamesrvReply process(NamesrvRequest request) throws BadRequestException;
}
