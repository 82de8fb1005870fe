package io.apogeemq.broker.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PullOutcomeTest {

  private static PullOutcome of(GetStatus s, long next, long min, long max, long requested) {
    return PullOutcome.of(new GetResult(s, next, min, max, List.of(), 0), requested);
  }

  @Test
  void mapsEveryStoreStatusAsTheSpecTableSays() {
    assertThat(of(GetStatus.FOUND, 9, 0, 20, 5))
        .isEqualTo(new PullOutcome(ResponseCode.SUCCESS, 9));
    assertThat(of(GetStatus.NO_MATCHED_MESSAGE, 9, 0, 20, 5))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, 9));
    assertThat(of(GetStatus.MESSAGE_WAS_REMOVING, 9, 0, 20, 5))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, 9));
    assertThat(of(GetStatus.OFFSET_OVERFLOW_ONE, 20, 0, 20, 20))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_NOT_FOUND, 20));
    assertThat(of(GetStatus.OFFSET_FOUND_NULL, 1000, 0, 2000, 5))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_NOT_FOUND, 1000));
    assertThat(of(GetStatus.NO_MESSAGE_IN_QUEUE, 0, 0, 0, 0))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_NOT_FOUND, 0));
    assertThat(of(GetStatus.NO_MESSAGE_IN_QUEUE, 0, 0, 0, 7))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 0));
    assertThat(of(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0, 0))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_NOT_FOUND, 0));
    assertThat(of(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0, 3))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 0));
    assertThat(of(GetStatus.OFFSET_TOO_SMALL, 10, 10, 20, 3))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 10));
    assertThat(of(GetStatus.OFFSET_OVERFLOW_BADLY, 20, 10, 20, 999))
        .isEqualTo(new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 20));
  }
}
