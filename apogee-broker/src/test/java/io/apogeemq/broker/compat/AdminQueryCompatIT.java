package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.QueryFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code VIEW_MESSAGE_BY_ID} and {@code QUERY_MESSAGE} through the official
 * {@code DefaultMQAdminExt}, written against the API both 4.9.8 and 5.3.3 have, so that
 * {@code apogee-broker-compat-4x} runs it with the 4.9.8 admin too (the 5.3.3-only wire checks
 * stay in {@code query/QueryMessageCompatIT}).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdminQueryCompatIT {

  private static final String TOPIC = "QueryCompatTopic";

  private QueryFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new QueryFixture("query-compat", TOPIC);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void viewMessageByOffsetIdAndByUniqueKeyReturnTheStoredMessage() throws Exception {
    List<SendResult> sent = fixture.sendWithKeys(3, "k1");

    MessageExt byOffsetId = fixture.admin().viewMessage(TOPIC, sent.get(1).getOffsetMsgId());
    MessageExt byUniqueKey = fixture.admin().viewMessage(TOPIC, sent.get(2).getMsgId());

    assertThat(new String(byOffsetId.getBody(), StandardCharsets.UTF_8)).isEqualTo("body-1");
    assertThat(byOffsetId.getTopic()).isEqualTo(TOPIC);
    assertThat(byOffsetId.getMsgId()).isEqualTo(sent.get(1).getMsgId());
    assertThat(byOffsetId.getQueueOffset()).isEqualTo(sent.get(1).getQueueOffset());
    assertThat(byOffsetId.getKeys()).isEqualTo("k1");
    assertThat(new String(byUniqueKey.getBody(), StandardCharsets.UTF_8)).isEqualTo("body-2");
    assertThat(byUniqueKey.getMsgId()).isEqualTo(sent.get(2).getMsgId());
  }

  @Test
  void queryMessageByKeyReturnsEveryMessageWithThatKeyUpToMaxNum() throws Exception {
    fixture.sendWithKeys(4, "order-7 customer-3");
    fixture.sendWithKeys(2, "order-8");

    QueryResult byOrder = fixture.admin().queryMessage(TOPIC, "order-7", 64, 0, Long.MAX_VALUE);
    QueryResult byCustomer =
        fixture.admin().queryMessage(TOPIC, "customer-3", 2, 0, Long.MAX_VALUE);
    QueryResult byOther = fixture.admin().queryMessage(TOPIC, "order-8", 64, 0, Long.MAX_VALUE);

    assertThat(byOrder.getMessageList()).hasSize(4)
        .allSatisfy(m -> assertThat(m.getKeys()).isEqualTo("order-7 customer-3"));
    assertThat(byOrder.getIndexLastUpdateTimestamp()).isPositive();
    assertThat(byCustomer.getMessageList()).hasSize(2);
    assertThat(byOther.getMessageList()).hasSize(2)
        .allSatisfy(m -> assertThat(m.getTopic()).isEqualTo(TOPIC));
  }

  @Test
  void queryOutsideTheTimeWindowFindsNothing() throws Exception {
    fixture.sendWithKeys(1, "late");
    long future = System.currentTimeMillis() + 3_600_000;

    assertThatThrownBy(
        () -> fixture.admin().queryMessage(TOPIC, "late", 32, future, Long.MAX_VALUE))
        .hasMessageContaining("query message by key finished, but no message");
  }
}
