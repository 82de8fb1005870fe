package io.apogeemq.store;

import io.apogeemq.common.message.MessageHost;
import java.util.Objects;

/**
 * A message the broker asks the store to append. The store assigns queue offset, physical offset
 * and store timestamp. The body is held by reference; callers must not change it afterwards.
 *
 * @param properties encoded properties string (messages.md §2)
 * @param sysFlag sysFlag as received; the store sets the host bits itself
 * @param waitStoreMsgOk false when the producer set {@code WAIT=false}: no flush wait under
 *     SYNC_FLUSH
 */
public record AppendMessage(
    String topic,
    int queueId,
    int flag,
    byte[] body,
    String properties,
    int sysFlag,
    long bornTimestamp,
    MessageHost bornHost,
    MessageHost storeHost,
    int reconsumeTimes,
    long preparedTransactionOffset,
    boolean waitStoreMsgOk) {

  public AppendMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(bornHost, "bornHost");
    Objects.requireNonNull(storeHost, "storeHost");
    properties = properties == null ? "" : properties;
  }
}
