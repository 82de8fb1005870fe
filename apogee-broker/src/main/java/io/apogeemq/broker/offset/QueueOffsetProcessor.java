package io.apogeemq.broker.offset;

import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * Queries of a queue's stored offsets (codes.md §4.11, §4.12): {@code SEARCH_OFFSET_BY_TIMESTAMP}
 * (29, LOWER or UPPER boundary), {@code GET_MAX_OFFSET} (30), {@code GET_MIN_OFFSET} (31) and
 * {@code GET_EARLIEST_MSG_STORETIME} (32). Unknown topics and queues answer {@code SUCCESS} with 0
 * (and −1 for the store time), as the official broker does.
 *
 * <p>Thread-safe (reads the thread-safe store).
 */
public final class QueueOffsetProcessor implements RequestProcessor {

  private final MessageStore store;

  public QueueOffsetProcessor(MessageStore store) {
    this.store = store;
  }

  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("queue-offset", 2, 100_000);
    server.registerProcessor(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, this, executor);
    server.registerProcessor(RequestCode.GET_MAX_OFFSET, this, executor);
    server.registerProcessor(RequestCode.GET_MIN_OFFSET, this, executor);
    server.registerProcessor(RequestCode.GET_EARLIEST_MSG_STORETIME, this, executor);
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String topic = h.requireString("topic");
    int queueId = h.requireInt("queueId");
    RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null);
    switch (request.code()) {
      case RequestCode.GET_MAX_OFFSET -> response.putExtField("offset",
          store.maxOffset(topic, queueId));
      case RequestCode.GET_MIN_OFFSET -> response.putExtField("offset",
          store.minOffset(topic, queueId));
      case RequestCode.GET_EARLIEST_MSG_STORETIME -> response.putExtField("timestamp",
          store.earliestStoreTime(topic, queueId));
      case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> response.putExtField("offset",
          search(topic, queueId, h.requireLong("timestamp"), h.optionalString("boundaryType")));
      default -> throw new CommandException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          "request code " + request.code() + " is not a queue offset query");
    }
    return response;
  }

  private long search(String topic, int queueId, long timestamp, String boundaryType) {
    String boundary = boundaryType == null ? "LOWER" : boundaryType.toUpperCase(Locale.ROOT);
    return switch (boundary) {
      case "LOWER" -> store.offsetForTimestamp(topic, queueId, timestamp);
      case "UPPER" -> upper(topic, queueId, timestamp);
      default -> throw new CommandException(ResponseCode.SYSTEM_ERROR, "boundaryType '"
          + boundaryType + "' is neither LOWER nor UPPER (topic " + topic + ", queue " + queueId
          + ")");
    };
  }

  /** The largest offset stored at or before {@code timestamp}: one before the first one after it. */
  private long upper(String topic, int queueId, long timestamp) {
    long min = store.minOffset(topic, queueId);
    long firstAfter = timestamp == Long.MAX_VALUE ? store.maxOffset(topic, queueId)
        : store.offsetForTimestamp(topic, queueId, timestamp + 1);
    return Math.max(min, firstAfter - 1);
  }
}
