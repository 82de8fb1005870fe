package io.apogeemq.broker.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET_CONSUMER_LIST_BY_GROUP} (38): the client ids of a group's live members, body
 * {@code {"consumerIdList":["ip@instance", ...]}}. A group without live members is answered with
 * {@code SYSTEM_ERROR} "no consumer for this group", as the official broker does (the client skips
 * that rebalance round).
 *
 * <p>Thread-safe.
 */
public final class ConsumerListProcessor implements RequestProcessor {

  private static final JsonFactory JSON = new JsonFactory();

  private final ConsumerRegistry consumers;

  public ConsumerListProcessor(ConsumerRegistry consumers) {
    this.consumers = consumers;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    String group = HeaderReader.of(request).requireString("consumerGroup");
    List<String> ids = consumers.find(group).map(ConsumerGroup::clientIds).orElse(List.of());
    if (ids.isEmpty()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "no consumer for this group, " + group + " (asked by " + context.peer() + ")");
    }
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(encode(ids));
  }

  static byte[] encode(List<String> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + ids.size() * 40);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("consumerIdList");
      for (String id : ids) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
