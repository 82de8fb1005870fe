package io.apogeemq.common.name;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NameRulesTest {

  @Test
  void acceptsLegalTopicsAndRefusesIllegalOnesWithAReason() {
    assertThat(NameRules.topicProblem("Topic_A-1%|x")).isEmpty();
    assertThat(NameRules.topicProblem("")).get().asString().contains("blank");
    assertThat(NameRules.topicProblem("a b")).get().asString().contains("' '");
    assertThat(NameRules.topicProblem("t".repeat(128))).get().asString().contains("127");
    assertThat(NameRules.topicProblem("t".repeat(127))).isEmpty();
    assertThat(NameRules.storedTopicProblem(NameRules.retryTopic("g".repeat(255)))).isEmpty();
    assertThat(NameRules.groupProblem("g".repeat(256))).isPresent();
  }

  @Test
  void knowsReservedAndForbiddenNames() {
    assertThat(NameRules.isSendForbidden("SCHEDULE_TOPIC_XXXX")).isTrue();
    assertThat(NameRules.isSendForbidden("RMQ_SYS_TRACE_TOPIC")).isFalse();
    assertThat(NameRules.isSystemTopic("rmq_sys_wheel_timer")).isTrue();
    assertThat(NameRules.isSystemTopic("TBW102")).isTrue();
    assertThat(NameRules.isSystemGroup("CID_RMQ_SYS_X")).isTrue();
    assertThat(NameRules.isRetryTopic("%RETRY%g")).isTrue();
    assertThat(NameRules.dlqTopic("g")).isEqualTo("%DLQ%g");
  }

  @Test
  void matchesTheOfficialValidatorsOnAFewNames() {
    for (String t : new String[] {"ok", "a.b", "x y", "%RETRY%g", "t".repeat(128)}) {
      boolean officialOk = !org.apache.rocketmq.common.topic.TopicValidator.isTopicOrGroupIllegal(t)
          && t.length() <= 127;
      assertThat(NameRules.topicProblem(t).isEmpty()).as(t).isEqualTo(officialOk);
    }
  }
}
