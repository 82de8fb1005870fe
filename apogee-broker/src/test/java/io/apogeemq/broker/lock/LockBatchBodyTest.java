package io.apogeemq.broker.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.remoting.protocol.body.LockBatchResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LockBatchBodyTest {

  @Test
  void readsTheBodyTheOfficialClientEncodes() {
    LockBatchRequestBody official = new LockBatchRequestBody();
    official.setClientId("10.0.0.1@123#456");
    official.setConsumerGroup("cg");
    Set<MessageQueue> mqs = new LinkedHashSet<>();
    mqs.add(new MessageQueue("T", "broker-a", 0));
    mqs.add(new MessageQueue("T", "broker-a", 3));
    official.setMqSet(mqs);

    LockBatchBody body = LockBatchBody.parse(official.encode(), "LOCK_BATCH_MQ");

    assertThat(body.clientId()).isEqualTo("10.0.0.1@123#456");
    assertThat(body.consumerGroup()).isEqualTo("cg");
    assertThat(body.queues()).containsExactlyInAnyOrder(new QueueAddress("T", "broker-a", 0),
        new QueueAddress("T", "broker-a", 3));
  }

  @Test
  void theLockResponseDecodesWithTheOfficialClass() {
    byte[] bytes = LockBatchBody.lockedResponse(List.of(new QueueAddress("T", "broker-a", 1)));

    LockBatchResponseBody decoded = LockBatchResponseBody.decode(bytes,
        LockBatchResponseBody.class);

    assertThat(decoded.getLockOKMQSet()).containsExactly(new MessageQueue("T", "broker-a", 1));
  }

  @Test
  void anEmptyQueueSetIsAValidRequestThatLocksNothing() {
    byte[] json = "{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(LockBatchBody.parse(json, "LOCK_BATCH_MQ").queues()).isEmpty();
  }

  @Test
  void malformedBodiesAreRefusedWithSystemErrorNamingTheProblem() {
    assertMalformed(null, "no body");
    assertMalformed("{not json", "not JSON");
    assertMalformed("[1,2]", "not a JSON object");
    assertMalformed("{\"consumerGroup\":\"g\",\"mqSet\":[]}", "clientId");
    assertMalformed("{\"clientId\":\"c\",\"mqSet\":[]}", "consumerGroup");
    assertMalformed("{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":{}}", "not an array");
    assertMalformed("{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":[{\"topic\":\"T\","
        + "\"brokerName\":\"b\"}]}", "queueId");
    assertMalformed("{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":[{\"topic\":\"T\","
        + "\"brokerName\":\"b\",\"queueId\":-1}]}", "queueId");
    assertMalformed("{\"clientId\":\"c\",\"consumerGroup\":\"g\",\"mqSet\":[{\"queueId\":1,"
        + "\"brokerName\":\"b\"}]}", "topic");
  }

  private static void assertMalformed(String json, String mention) {
    byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LockBatchBody.parse(bytes, "LOCK_BATCH_MQ"))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR))
        .hasMessageContaining("LOCK_BATCH_MQ").hasMessageContaining(mention);
  }
}
