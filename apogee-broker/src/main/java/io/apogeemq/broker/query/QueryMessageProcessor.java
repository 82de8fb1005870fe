package io.apogeemq.broker.query;

import io.apogeemq.broker.wire.StoredRecordsBody;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.file.SegmentSlice;
import io.apogeemq.store.index.QueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code QUERY_MESSAGE} (12, codes.md §5.1): messages of a topic by business key ({@code KEYS})
 * or by unique key ({@code _UNIQUE_KEY_QUERY=true}) stored in a time window, at most
 * {@code maxNum} (32 for unique keys, as the official broker caps it). The body is the
 * concatenation of the whole stored records, zero-copy; the client drops index hash collisions
 * itself. Nothing found answers {@code QUERY_NOT_FOUND}.
 *
 * <p>Thread-safe (reads the thread-safe store).
 */
public final class QueryMessageProcessor implements RequestProcessor {

  /** The official broker's cap for unique-key queries. */
  static final int MAX_UNIQUE_KEY_RESULTS = 32;

  private final MessageStore store;

  public QueryMessageProcessor(MessageStore store) {
    this.store = store;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    HeaderReader h = HeaderReader.of(request);
    String topic = h.requireString("topic");
    String key = h.requireString("key");
    int maxNum = h.requireInt("maxNum");
    long begin = h.requireLong("beginTimestamp");
    long end = h.requireLong("endTimestamp");
    if (Boolean.parseBoolean(request.extField("_UNIQUE_KEY_QUERY"))) {
      maxNum = Math.min(maxNum, MAX_UNIQUE_KEY_RESULTS);
    }
    QueryResult result = store.queryByKey(topic, key, maxNum, begin, end);
    List<SegmentSlice> slices = new ArrayList<>(result.physicalOffsets().size());
    for (long phy : result.physicalOffsets()) {
      SegmentSlice s = store.getByPhysicalOffset(phy);
      if (s != null) {
        slices.add(s);
      }
    }
    RemotingCommand response;
    if (slices.isEmpty()) {
      response = RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
          "no message of topic " + topic + " with key " + key + " stored in [" + begin + ", "
              + end + "]");
    } else {
      response = RemotingCommand.response(ResponseCode.SUCCESS, null)
          .bodyBuffer(StoredRecordsBody.of(slices));
    }
    return response.putExtField("indexLastUpdateTimestamp", result.lastUpdateTimestamp())
        .putExtField("indexLastUpdatePhyoffset", result.lastUpdatePhyOffset());
  }
}
