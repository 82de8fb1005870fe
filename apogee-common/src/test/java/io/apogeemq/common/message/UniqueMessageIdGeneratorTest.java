package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UniqueMessageIdGeneratorTest {

  @Test
  void producesTheSpecExampleLayout() {
    ZoneId zone = ZoneId.of("UTC");
    Instant t = Instant.parse("2026-11-01T00:00:50Z");
    UniqueMessageIdGenerator g = new UniqueMessageIdGenerator(new byte[] {(byte) 172, 17, 0, 1},
        0x2A9F, 0x1B6D3586, Clock.fixed(t, zone));
    assertThat(g.next()).isEqualTo("AC1100012A9F1B6D35860000C3500000");
    assertThat(g.next()).isEqualTo("AC1100012A9F1B6D35860000C3500001");
  }

  @Test
  void officialParserReadsIpPidAndTimeOfOurIds() {
    Clock clock = Clock.systemDefaultZone();
    UniqueMessageIdGenerator g =
        new UniqueMessageIdGenerator(new byte[] {10, 1, 2, 3}, 4242, 77, clock);
    long before = clock.millis();
    String id = g.next();
    assertThat(id).hasSize(32);
    assertThat(MessageClientIDSetter.getIPStrFromID(id)).isEqualTo("10.1.2.3");
    assertThat(MessageClientIDSetter.getPidFromID(id)).isEqualTo(4242);
    long nearly = MessageClientIDSetter.getNearlyTimeFromID(id).getTime();
    assertThat(Math.abs(nearly - before)).isLessThan(2000);
  }

  @Test
  void officialIdsHaveTheSameShape() {
    String official = MessageClientIDSetter.createUniqID();
    assertThat(official.length()).isIn(32, 56);
    assertThat(official).matches("[0-9A-F]+");
    assertThatIdsAreDistinctAcrossTheCounter();
  }

  private void assertThatIdsAreDistinctAcrossTheCounter() {
    UniqueMessageIdGenerator g = new UniqueMessageIdGenerator(new byte[16], 1, 2,
        Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneId.of("UTC")));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 65536; i++) {
      ids.add(g.next());
    }
    assertThat(ids).hasSize(65536);
    assertThat(ids.iterator().next()).hasSize(56);
  }
}
