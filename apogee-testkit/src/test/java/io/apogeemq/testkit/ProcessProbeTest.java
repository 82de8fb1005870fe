package io.apogeemq.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessProbeTest {

  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void cpuTimeOfThisJvmGrowsWhileItComputes() throws IOException {
    double before = ProcessProbe.cpuSeconds(SELF);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    long x = 0;
    while (System.nanoTime() < deadline) {
      x += Long.numberOfTrailingZeros(System.nanoTime());
    }
    double after = ProcessProbe.cpuSeconds(SELF);
    assertThat(x).isPositive();
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void residentMemoryIsPositiveAndBelowItsPeak() throws IOException {
    ProcessProbe.Sample s = ProcessProbe.sample(SELF);
    assertThat(s.pid()).isEqualTo(SELF);
    assertThat(s.rssKb()).isPositive();
    assertThat(s.hwmKb()).isGreaterThanOrEqualTo(s.rssKb());
    assertThat(s.cpuSeconds()).isPositive();
    assertThat(ProcessProbe.rssAnonKb(SELF)).isPositive().isLessThanOrEqualTo(s.rssKb());
  }

  @Test
  void aProcessThatIsGoneIsAnErrorNamingIt() {
    assertThatThrownBy(() -> ProcessProbe.rssKb(Integer.MAX_VALUE))
        .isInstanceOf(IOException.class).hasMessageContaining(Integer.toString(Integer.MAX_VALUE));
  }
}
