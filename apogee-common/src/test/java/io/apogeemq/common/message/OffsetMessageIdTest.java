package io.apogeemq.common.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.AfterFailureMode;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OffsetMessageIdTest {

  @Test
  void matchesTheSpecExample() {
    MessageHost host = MessageHost.of(new InetSocketAddress("127.0.0.1", 10911));
    assertThat(OffsetMessageId.encode(host, 1234)).isEqualTo("7F00000100002A9F00000000000004D2");
    assertThat(OffsetMessageId.decode("7F00000100002A9F00000000000004D2"))
        .isEqualTo(new OffsetMessageId(host, 1234));
  }

  @Test
  void refusesAUniqueKeyBecauseItsPortIsOutOfRange() {
    assertThatThrownBy(() -> OffsetMessageId.decode("AC1100012A9F1B6D35860000C3500001"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> OffsetMessageId.decode("XYZ"))
        .hasMessageContaining("32 or 56");
  }

  @Property(tries = 200, afterFailure = AfterFailureMode.RANDOM_SEED)
  void agreesWithTheOfficialIdForIpv4AndIpv6(@ForAll @IntRange(min = 0, max = 65535) int port,
      @ForAll @LongRange(min = 0) long offset, @ForAll boolean v6) throws Exception {
    String ip = v6 ? "fe80::1:2" : "192.168.7.9";
    InetSocketAddress address = new InetSocketAddress(ip, port);
    String ours = OffsetMessageId.encode(MessageHost.of(address), offset);
    assertThat(ours).isEqualTo(MessageDecoder.createMessageId(address, offset));
    MessageId official = MessageDecoder.decodeMessageId(ours);
    OffsetMessageId decoded = OffsetMessageId.decode(ours);
    assertThat(decoded.commitLogOffset()).isEqualTo(official.getOffset()).isEqualTo(offset);
    assertThat(decoded.storeHost().toSocketAddress()).isEqualTo(official.getAddress());
  }
}
