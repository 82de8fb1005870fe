package io.apogeemq.common.name;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MessageLimitsTest {

  @Test
  void refusesBodiesOverMaxMessageSize() {
    assertThat(MessageLimits.bodyProblem(4 * 1024 * 1024, MessageLimits.DEFAULT_MAX_MESSAGE_SIZE))
        .isNull();
    assertThat(MessageLimits.bodyProblem(4 * 1024 * 1024 + 1,
        MessageLimits.DEFAULT_MAX_MESSAGE_SIZE)).contains("4194305");
  }
}
