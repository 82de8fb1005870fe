package io.apogeemq.broker.admin;

import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET_ALL_CONSUMER_OFFSET} (43): every committed offset as a
 * {@code ConsumerOffsetSerializeWrapper}, {@code {"offsetTable":{"topic@group":{"0":5,…}}}}
 * (integer map keys written quoted, which fastjson accepts). Used by slaves and by tools that
 * copy a broker's offsets.
 *
 * <p>Thread-safe (reads a snapshot of the thread-safe table).
 */
public final class ConsumerOffsetsProcessor implements RequestProcessor {

  private final ConsumerOffsetTable offsets;

  public ConsumerOffsetsProcessor(ConsumerOffsetTable offsets) {
    this.offsets = offsets;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    Map<String, Map<Integer, Long>> snapshot = new TreeMap<>(offsets.snapshot());
    byte[] body = AdminJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("offsetTable");
      for (Map.Entry<String, Map<Integer, Long>> e : snapshot.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        for (Map.Entry<Integer, Long> q : new TreeMap<>(e.getValue()).entrySet()) {
          g.writeNumberField(Integer.toString(q.getKey()), q.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }
}
