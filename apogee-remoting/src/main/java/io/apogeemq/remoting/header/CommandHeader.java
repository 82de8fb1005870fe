package io.apogeemq.remoting.header;

import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * A typed request or response header that maps itself to extFields. Implementations are usually
 * records with a static {@code decode(HeaderReader)} factory that validates required fields.
 */
public interface CommandHeader {

  /**
   * Writes every non-null field as one extFields entry keyed by the official field name, the value
   * as decimal / {@code true}/{@code false} / plain text.
   */
  void writeTo(RemotingCommand command);
}
