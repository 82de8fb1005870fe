package io.apogeemq.broker.filter.sql;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Encoded message records as the store holds them, for filter tests and the benchmark. */
final class RecordFixtures {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));

  private RecordFixtures() {}

  static ByteBuffer record(Map<String, String> properties, String body) {
    return MessageRecordCodec.encode(new MessageRecord("TopicTest", 0, 0, 0, 0, 0, 1, HOST, 2,
        HOST, 0, 0, 0, body.getBytes(StandardCharsets.UTF_8),
        MessageProperties.encode(properties)));
  }
}
