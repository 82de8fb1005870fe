package io.apogeemq.broker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.common.message.BodyCrc;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendBackPlanTest {

  private static final MessageHost BORN = MessageHost.of(new InetSocketAddress("10.0.0.9", 5555));
  private static final MessageHost STORE = MessageHost.of(new InetSocketAddress("127.0.0.1", 10911));

  private static MessageRecord original(String topic, int reconsumeTimes,
      Map<String, String> extra) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "UNIQ-1");
    props.put(PropertyKeys.TAGS, "TagA");
    props.putAll(extra);
    byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
    return new MessageRecord(topic, 2, 7, 40, 123_456, 0, 1_000, BORN, 2_000, STORE,
        reconsumeTimes, 0, BodyCrc.of(body), body, MessageProperties.encode(props));
  }

  private static SendBackHeader header(int delayLevel, Integer max) {
    return new SendBackHeader(123_456, "cg", delayLevel, "UNIQ-1", "Orders", max);
  }

  @Test
  void firstFailureIsRetriedAtLevelThreeKeepingTheOriginalTopicAndIds() {
    MessageRecord m = original("Orders", 0, Map.of());

    SendBackPlan plan = SendBackPlan.of(m, header(0, null), 16, 1, STORE);

    AppendMessage out = plan.message();
    assertThat(plan.deadLetter()).isFalse();
    assertThat(plan.delayLevel()).isEqualTo(3);
    assertThat(out.topic()).isEqualTo("%RETRY%cg");
    assertThat(out.queueId()).isEqualTo(1);
    assertThat(out.reconsumeTimes()).isEqualTo(1);
    assertThat(out.body()).isEqualTo(m.body());
    assertThat(out.flag()).isEqualTo(7);
    assertThat(out.bornHost()).isEqualTo(BORN);
    assertThat(out.bornTimestamp()).isEqualTo(1_000);
    assertThat(out.waitStoreMsgOk()).isFalse();
    Map<String, String> props = MessageProperties.decode(out.properties());
    assertThat(props).containsEntry(PropertyKeys.RETRY_TOPIC, "Orders")
        .containsEntry(PropertyKeys.ORIGIN_MESSAGE_ID, m.offsetMessageId())
        .containsEntry(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "UNIQ-1")
        .containsEntry(PropertyKeys.TAGS, "TagA")
        .containsEntry(PropertyKeys.DELAY_TIME_LEVEL, "3")
        .containsEntry(PropertyKeys.WAIT_STORE_MSG_OK, "false");
  }

  @Test
  void laterRetriesBackOffByReconsumeTimesAndKeepTheFirstRetryTopicAndOriginId() {
    MessageRecord m = original("%RETRY%cg", 4, Map.of(PropertyKeys.RETRY_TOPIC, "Orders",
        PropertyKeys.ORIGIN_MESSAGE_ID, "FIRST-OFFSET-ID"));

    SendBackPlan plan = SendBackPlan.of(m, header(0, null), 16, 0, STORE);

    assertThat(plan.delayLevel()).isEqualTo(7);
    assertThat(plan.message().reconsumeTimes()).isEqualTo(5);
    assertThat(MessageProperties.decode(plan.message().properties()))
        .containsEntry(PropertyKeys.RETRY_TOPIC, "Orders")
        .containsEntry(PropertyKeys.ORIGIN_MESSAGE_ID, "FIRST-OFFSET-ID");
  }

  @Test
  void aPositiveDelayLevelFromTheConsumerIsUsedAsGiven() {
    SendBackPlan plan = SendBackPlan.of(original("Orders", 0, Map.of()), header(12, null), 16, 0,
        STORE);
    assertThat(plan.delayLevel()).isEqualTo(12);
  }

  @Test
  void redeliversUntilMaxReconsumeTimesThenDeadLetters() {
    assertThat(SendBackPlan.of(original("Orders", 15, Map.of()), header(0, null), 16, 0, STORE)
        .deadLetter()).isFalse();
    SendBackPlan plan = SendBackPlan.of(original("%RETRY%cg", 16,
        Map.of(PropertyKeys.RETRY_TOPIC, "Orders", PropertyKeys.DELAY_TIME_LEVEL, "18")),
        header(0, null), 16, 0, STORE);

    assertThat(plan.deadLetter()).isTrue();
    assertThat(plan.message().topic()).isEqualTo("%DLQ%cg");
    assertThat(plan.message().queueId()).isZero();
    assertThat(plan.message().reconsumeTimes()).isEqualTo(17);
    assertThat(MessageProperties.decode(plan.message().properties()))
        .doesNotContainKey(PropertyKeys.DELAY_TIME_LEVEL)
        .containsEntry(PropertyKeys.RETRY_TOPIC, "Orders");
  }

  @Test
  void theRequestsMaxReconsumeTimesOverridesTheGroups() {
    assertThat(SendBackPlan.of(original("Orders", 2, Map.of()), header(0, 2), 16, 0, STORE)
        .deadLetter()).isTrue();
    assertThat(SendBackPlan.of(original("Orders", 2, Map.of()), header(0, 3), 1, 0, STORE)
        .deadLetter()).isFalse();
  }

  @Test
  void aNegativeDelayLevelGoesStraightToTheDeadLetterQueue() {
    SendBackPlan plan = SendBackPlan.of(original("Orders", 0, Map.of()), header(-1, null), 16, 0,
        STORE);
    assertThat(plan.deadLetter()).isTrue();
    assertThat(plan.message().topic()).isEqualTo("%DLQ%cg");
  }
}
