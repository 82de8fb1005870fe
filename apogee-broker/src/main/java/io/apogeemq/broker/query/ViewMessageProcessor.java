package io.apogeemq.broker.query;

import io.apogeemq.broker.wire.StoredRecordsBody;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import java.util.List;

/**
 * {@code VIEW_MESSAGE_BY_ID} (33, codes.md §5.2): the whole record stored at the CommitLog offset
 * the client decoded from an offset message id, sent as the body straight from the mapped segment.
 * No record there answers {@code SYSTEM_ERROR} naming the offset, as the official broker does.
 *
 * <p>Thread-safe (reads the thread-safe store).
 */
public final class ViewMessageProcessor implements RequestProcessor {

  private final MessageStore store;

  public ViewMessageProcessor(MessageStore store) {
    this.store = store;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    long offset = HeaderReader.of(request).requireLong("offset");
    SegmentSlice slice = offset < 0 ? null : store.getByPhysicalOffset(offset);
    if (slice == null) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "can not find message by the offset, " + offset + " (CommitLog holds "
              + store.commitLogMinOffset() + ".." + store.commitLogMaxOffset() + ")");
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null)
        .bodyBuffer(StoredRecordsBody.of(List.of(slice)));
  }
}
