package io.apogeemq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AutoBatchingTest {

  @Test
  void ofBytesBoundsABatchByLingerAndBytesOnlyLikeTheOfficialAutoBatch() {
    AutoBatching b = AutoBatching.ofBytes(Duration.ofMillis(5), 256 * 1024);
    assertThat(b.maxMessages()).isEqualTo(10_000);
    assertThat(b.maxBytes()).isEqualTo(256 * 1024);
    assertThat(b.linger()).isEqualTo(Duration.ofMillis(5));
    assertThat(b.enabled()).isTrue();
  }

  @Test
  void offBatchesNothing() {
    assertThat(AutoBatching.OFF.enabled()).isFalse();
  }

  @Test
  void aLingerOverOneSecondIsRefused() {
    assertThatThrownBy(() -> AutoBatching.ofBytes(Duration.ofSeconds(2), 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
  }
}
