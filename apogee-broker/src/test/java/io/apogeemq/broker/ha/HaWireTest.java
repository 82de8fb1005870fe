package io.apogeemq.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HaWireTest {

  @Test
  void reportIsEightBigEndianBytes() {
    ByteBuf out = Unpooled.buffer();
    HaWire.writeReport(out, 0x0102030405060708L);
    assertThat(out.readableBytes()).isEqualTo(8);
    assertThat(out.getByte(0)).isEqualTo((byte) 1);
    assertThat(out.getByte(7)).isEqualTo((byte) 8);
  }

  @Test
  void onlyTheLastOfSeveralReportsCountsAndAPartialOneWaits() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeReport(in, 100);
    HaWire.writeReport(in, 250);
    in.writeBytes(new byte[] {0, 0, 0});
    assertThat(HaWire.readLastReport(in)).isEqualTo(250);
    assertThat(in.readableBytes()).isEqualTo(3);
    assertThat(HaWire.readLastReport(in)).isEqualTo(-1);
  }

  @Test
  void refusesNegativeReport() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeReport(in, -5);
    assertThatThrownBy(() -> HaWire.readLastReport(in)).isInstanceOf(HaProtocolException.class)
        .hasMessageContaining("-5");
  }

  @Test
  void transferHeaderIsOffsetThenSizeThenBody() {
    ByteBuf in = Unpooled.buffer();
    byte[] body = "records".getBytes(StandardCharsets.US_ASCII);
    HaWire.writeTransferHeader(in, 4096, body.length);
    in.writeBytes(body);
    assertThat(in.getLong(0)).isEqualTo(4096);
    assertThat(in.getInt(8)).isEqualTo(body.length);
    HaWire.Transfer t = HaWire.readTransfer(in, 1024);
    assertThat(t.offset()).isEqualTo(4096);
    assertThat(t.heartbeat()).isFalse();
    assertThat(t.body().toString(StandardCharsets.US_ASCII)).isEqualTo("records");
    t.body().release();
    assertThat(in.readableBytes()).isZero();
  }

  @Test
  void zeroSizeTransferIsAHeartbeat() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeTransferHeader(in, 77, 0);
    HaWire.Transfer t = HaWire.readTransfer(in, 1024);
    assertThat(t.heartbeat()).isTrue();
    assertThat(t.offset()).isEqualTo(77);
  }

  @Test
  void incompleteFrameConsumesNothing() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeTransferHeader(in, 0, 10);
    in.writeBytes(new byte[9]);
    assertThat(HaWire.readTransfer(in, 1024)).isNull();
    assertThat(in.readableBytes()).isEqualTo(21);
  }

  @Test
  void refusesBodyLargerThanTheBatchSizeNamingTheOffset() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeTransferHeader(in, 123, 5000);
    assertThatThrownBy(() -> HaWire.readTransfer(in, 4096))
        .isInstanceOf(HaProtocolException.class).hasMessageContaining("5000")
        .hasMessageContaining("123");
  }

  @Test
  void refusesNegativeSize() {
    ByteBuf in = Unpooled.buffer();
    HaWire.writeTransferHeader(in, 0, -1);
    assertThatThrownBy(() -> HaWire.readTransfer(in, 4096))
        .isInstanceOf(HaProtocolException.class);
  }

  @Property(tries = 200, seed = "20261122")
  void framesSplitAnywhereDecodeToTheSameStream(@ForAll @LongRange(min = 0, max = 1L << 40)
      long start, @ForAll @IntRange(min = 0, max = 300) int size1,
      @ForAll @IntRange(min = 0, max = 300) int size2, @ForAll @IntRange(min = 0, max = 700)
      int cut) {
    ByteBuf wire = Unpooled.buffer();
    byte[] b1 = new byte[size1];
    byte[] b2 = new byte[size2];
    for (int i = 0; i < size1; i++) {
      b1[i] = (byte) i;
    }
    for (int i = 0; i < size2; i++) {
      b2[i] = (byte) (i * 7);
    }
    HaWire.writeTransferHeader(wire, start, size1);
    wire.writeBytes(b1);
    HaWire.writeTransferHeader(wire, start + size1, size2);
    wire.writeBytes(b2);
    int at = Math.min(cut, wire.readableBytes());
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(wire, at);
    long expected = start;
    int frames = 0;
    ByteBuf bodies = Unpooled.buffer();
    for (int round = 0; round < 2; round++) {
      HaWire.Transfer t;
      while ((t = HaWire.readTransfer(in, 1024)) != null) {
        assertThat(t.offset()).isEqualTo(expected);
        expected += t.body().readableBytes();
        bodies.writeBytes(t.body());
        t.body().release();
        frames++;
      }
      in.writeBytes(wire);
    }
    assertThat(frames).isEqualTo(2);
    assertThat(expected).isEqualTo(start + size1 + size2);
    byte[] all = new byte[size1 + size2];
    bodies.readBytes(all);
    for (int i = 0; i < size1; i++) {
      assertThat(all[i]).isEqualTo(b1[i]);
    }
    for (int i = 0; i < size2; i++) {
      assertThat(all[size1 + i]).isEqualTo(b2[i]);
    }
  }
}
