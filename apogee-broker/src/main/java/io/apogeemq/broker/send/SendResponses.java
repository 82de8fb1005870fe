package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.PutStatus;

/**
 * Builds the send response from the store's result (codes.md §3.1): code {@code SUCCESS} or
 * {@code FLUSH_DISK_TIMEOUT} with header fields {@code msgId} (offset message id, comma-joined for
 * a batch), {@code queueId}, {@code queueOffset}, {@code transactionId} (the message's
 * {@code UNIQ_KEY}) and the extFields {@code MSG_REGION} and {@code TRACE_ON}; a refused append
 * maps to the protocol's error code with the store's reason, topic and queue in the remark.
 */
final class SendResponses {

  static final String DEFAULT_REGION = "DefaultRegion";

  private final boolean traceOn;

  SendResponses(boolean traceOn) {
    this.traceOn = traceOn;
  }

  /**
   * @param properties properties of the (first) stored message, for UNIQ_KEY, region and trace
   */
  RemotingCommand of(SendHeader h, int queueId, String properties, AppendResult r,
      MessageHost storeHost) {
    int code = switch (r.status()) {
      case PUT_OK -> ResponseCode.SUCCESS;
      case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
      case FLUSH_SLAVE_TIMEOUT -> ResponseCode.FLUSH_SLAVE_TIMEOUT;
      case SLAVE_NOT_AVAILABLE -> ResponseCode.SLAVE_NOT_AVAILABLE;
      case SERVICE_NOT_AVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
      case CREATE_MAPPED_FILE_FAILED -> ResponseCode.SYSTEM_ERROR;
      case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
    };
    if (!r.status().isStored()) {
      return RemotingCommand.response(code, "message not stored (" + r.status() + "): "
          + r.error() + " (topic " + h.topic() + " queue " + queueId + ")");
    }
    RemotingCommand response = RemotingCommand.response(code,
        code == ResponseCode.SUCCESS ? null : stored(r.status()));
    response.putExtField("msgId", r.offsetMessageId(storeHost));
    response.putExtField("queueId", queueId);
    response.putExtField("queueOffset", r.queueOffset());
    String uniq = MessageProperties.find(properties, PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    if (uniq != null && !h.batch()) {
      response.putExtField("transactionId", uniq);
    }
    String region = MessageProperties.find(properties, PropertyKeys.MSG_REGION);
    response.putExtField(PropertyKeys.MSG_REGION, region == null ? DEFAULT_REGION : region);
    boolean trace = traceOn
        && !"false".equals(MessageProperties.find(properties, PropertyKeys.TRACE_SWITCH));
    response.putExtField(PropertyKeys.TRACE_SWITCH, trace);
    return response;
  }

  private static String stored(PutStatus status) {
    return switch (status) {
      case FLUSH_SLAVE_TIMEOUT -> "stored, but the slave did not acknowledge it in time";
      case SLAVE_NOT_AVAILABLE -> "stored, but no slave is in sync to replicate it";
      default -> "stored, but the flush to disk timed out";
    };
  }
}
