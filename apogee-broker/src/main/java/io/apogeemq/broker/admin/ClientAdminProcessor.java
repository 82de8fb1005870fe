package io.apogeemq.broker.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.apogeemq.broker.client.ClientChannel;
import io.apogeemq.broker.client.ConsumerGroup;
import io.apogeemq.broker.client.ConsumerRegistry;
import io.apogeemq.broker.client.ProducerRegistry;
import io.apogeemq.broker.client.SubscriptionData;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.header.HeaderReader;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is connected (codes.md §5.10, §5.11): {@code GET_CONSUMER_CONNECTION_LIST} (203),
 * {@code GET_PRODUCER_CONNECTION_LIST} (204) and {@code QUERY_TOPIC_CONSUME_BY_WHO} (300, groups
 * subscribing online or holding offsets).
 *
 * <p>Thread-safe (reads the thread-safe registries).
 */
public final class ClientAdminProcessor implements RequestProcessor {

  private final ConsumerRegistry consumers;
  private final ProducerRegistry producers;
  private final ConsumerOffsetTable offsets;

  public ClientAdminProcessor(ConsumerRegistry consumers, ProducerRegistry producers,
      ConsumerOffsetTable offsets) {
    this.consumers = consumers;
    this.producers = producers;
    this.offsets = offsets;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    return switch (request.code()) {
      case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumerConnections(request);
      case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producerConnections(request);
      case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumeByWho(request);
      default -> throw new CommandException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          "request code " + request.code() + " is not a connection query");
    };
  }

  private RemotingCommand consumerConnections(RemotingCommand request) {
    String group = HeaderReader.of(request).requireString("consumerGroup");
    Optional<ConsumerGroup> found = consumers.find(group);
    List<ClientChannel> members = found.map(ConsumerGroup::members).orElse(List.of());
    if (members.isEmpty()) {
      throw new CommandException(ResponseCode.CONSUMER_NOT_ONLINE,
          "the consumer group " + group + " not online");
    }
    ConsumerGroup g = found.get();
    byte[] body = AdminJson.write(gen -> {
      gen.writeStartObject();
      connectionSet(gen, members);
      gen.writeStringField("consumeFromWhere", g.consumeFromWhere());
      gen.writeStringField("consumeType", g.consumeType());
      gen.writeStringField("messageModel", g.messageModel());
      gen.writeObjectFieldStart("subscriptionTable");
      for (SubscriptionData s : g.subscriptions()) {
        gen.writeObjectFieldStart(s.topic());
        gen.writeBooleanField("classFilterMode", false);
        gen.writeArrayFieldStart("codeSet");
        for (Long c : new TreeSet<>(s.codes())) {
          gen.writeNumber(c.intValue());
        }
        gen.writeEndArray();
        gen.writeStringField("expressionType", s.expressionType());
        gen.writeStringField("subString", s.expression());
        gen.writeNumberField("subVersion", s.subVersion());
        gen.writeArrayFieldStart("tagsSet");
        for (String t : new TreeSet<>(s.tags())) {
          gen.writeString(t);
        }
        gen.writeEndArray();
        gen.writeStringField("topic", s.topic());
        gen.writeEndObject();
      }
      gen.writeEndObject();
      gen.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private RemotingCommand producerConnections(RemotingCommand request) {
    String group = HeaderReader.of(request).requireString("producerGroup");
    List<ClientChannel> members = producers.members(group);
    if (members.isEmpty()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR,
          "the producer group " + group + " not exist");
    }
    byte[] body = AdminJson.write(gen -> {
      gen.writeStartObject();
      connectionSet(gen, members);
      gen.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }

  private static void connectionSet(JsonGenerator gen, List<ClientChannel> members)
      throws IOException {
    gen.writeArrayFieldStart("connectionSet");
    for (ClientChannel c : members) {
      gen.writeStartObject();
      gen.writeStringField("clientAddr", addr(c.channel().remoteAddress()));
      gen.writeStringField("clientId", c.clientId());
      gen.writeStringField("language", c.language() == null ? "JAVA" : c.language());
      gen.writeNumberField("version", c.version());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static String addr(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      return i.getAddress() == null ? i.getHostString() + ":" + i.getPort()
          : i.getAddress().getHostAddress() + ":" + i.getPort();
    }
    return String.valueOf(a);
  }

  private RemotingCommand consumeByWho(RemotingCommand request) {
    String topic = HeaderReader.of(request).requireString("topic");
    TreeSet<String> groups = new TreeSet<>();
    for (String g : consumers.groupNames()) {
      consumers.find(g).filter(cg -> cg.subscription(topic).isPresent())
          .ifPresent(cg -> groups.add(g));
    }
    String prefix = topic + ConsumerOffsetTable.KEY_SEPARATOR;
    for (String key : offsets.keys()) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        groups.add(key.substring(prefix.length()));
      }
    }
    byte[] body = AdminJson.write(gen -> {
      gen.writeStartObject();
      gen.writeArrayFieldStart("groupList");
      for (String g : groups) {
        gen.writeString(g);
      }
      gen.writeEndArray();
      gen.writeEndObject();
    });
    return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body);
  }
}
