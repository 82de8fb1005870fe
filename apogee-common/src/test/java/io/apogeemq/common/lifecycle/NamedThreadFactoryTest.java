package io.apogeemq.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NamedThreadFactoryTest {

  @Test
  void namesThreadsWithPrefixAndSequence() {
    NamedThreadFactory factory = new NamedThreadFactory("apogee-test");
    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});
    assertThat(first.getName()).isEqualTo("apogee-test-1");
    assertThat(second.getName()).isEqualTo("apogee-test-2");
    assertThat(first.isDaemon()).isTrue();
  }

  @Test
  void canCreateNonDaemonThreads() {
    assertThat(new NamedThreadFactory("owner", false).newThread(() -> {}).isDaemon()).isFalse();
  }
}
