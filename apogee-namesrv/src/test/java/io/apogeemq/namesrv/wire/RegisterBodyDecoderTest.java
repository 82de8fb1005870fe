package io.apogeemq.namesrv.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RegisterBodyDecoderTest {

  static final byte[] PLAIN = OfficialBodies.registerBody("Topic", 5, 4, 7).encode(false);
  static final byte[] COMPRESSED = OfficialBodies.registerBody("Topic", 5, 4, 7).encode(true);

  static void assertFiveTopics(RegisterBody b) {
    assertThat(b.dataVersion()).isEqualTo(new DataVersion(7, 1_700_000_000_000L, 0));
    assertThat(b.topics()).hasSize(5);
    assertThat(b.topics().stream().sorted(Comparator.comparing(TopicConfigEntry::topicName)).toList().get(0))
        .isEqualTo(new TopicConfigEntry("Topic0", 4, 4, 6, 0));
    assertThat(b.filterServers()).isEmpty();
  }

  @Test
  void decodesTheJsonBodyOfTheOfficialBroker() throws Exception {
    assertFiveTopics(RegisterBodyDecoder.decode(PLAIN, false, 479));
  }

  @Test
  void decodesTheCompressedBodyOfTheOfficialBroker() throws Exception {
    assertFiveTopics(RegisterBodyDecoder.decode(COMPRESSED, true, 479));
  }

  @Test
  void decodesTheBareWrapperOfVeryOldBrokers() throws Exception {
    String json = "{\"dataVersion\":{\"counter\":3,\"timestamp\":9},\"topicConfigTable\":"
        + "{\"T\":{\"topicName\":\"T\",\"readQueueNums\":2,\"writeQueueNums\":2,\"perm\":6}}}";
    RegisterBody b = RegisterBodyDecoder.decode(json.getBytes(StandardCharsets.UTF_8), false, 36);
    assertThat(b.topics()).containsExactly(new TopicConfigEntry("T", 2, 2, 6, 0));
    assertThat(b.dataVersion()).isEqualTo(new DataVersion(3, 9, 0));
  }

  @Test
  void emptyBodyMeansLivenessOnly() throws Exception {
    assertThat(RegisterBodyDecoder.decode(null, false, 479)).isEqualTo(RegisterBody.EMPTY);
    assertThat(RegisterBodyDecoder.decode(new byte[0], true, 479)).isEqualTo(RegisterBody.EMPTY);
  }

  @Test
  void corruptOrTruncatedBodiesAreRejectedWithAReason() {
    byte[] halfJson = Arrays.copyOf(PLAIN, PLAIN.length / 2);
    assertThatThrownBy(() -> RegisterBodyDecoder.decode(halfJson, false, 479))
        .isInstanceOf(MalformedBodyException.class).hasMessageContaining("JSON");
    byte[] halfZip = Arrays.copyOf(COMPRESSED, COMPRESSED.length / 2);
    assertThatThrownBy(() -> RegisterBodyDecoder.decode(halfZip, true, 479))
        .isInstanceOf(MalformedBodyException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> RegisterBodyDecoder.decode("not zlib".getBytes(StandardCharsets.UTF_8), true, 479))
        .isInstanceOf(MalformedBodyException.class).hasMessageContaining("zlib");
    assertThatThrownBy(() -> RegisterBodyDecoder.decode(
        "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"perm\":\"rw\"}}}}".getBytes(StandardCharsets.UTF_8),
        false, 479))
        .isInstanceOf(MalformedBodyException.class).hasMessageContaining("perm");
  }

  @Test
  void crcMatchesTheOfficialMaskedCrc() {
    assertThat(RegisterBodyDecoder.crc32(PLAIN)).isEqualTo(org.apache.rocketmq.common.UtilAll.crc32(PLAIN));
  }

  /** Whatever damage a body suffers, decoding either succeeds or says why; it never fails otherwise. */
  @Property(tries = 300, seed = "20261122")
  void damagedCompressedBodiesNeverEscapeAsOtherExceptions(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value, @ForAll boolean truncate) {
    byte[] damaged = COMPRESSED.clone();
    int p = position % damaged.length;
    if (truncate) {
      damaged = Arrays.copyOf(damaged, p);
    } else {
      damaged[p] = value;
    }
    for (boolean compressed : List.of(true, false)) {
      try {
        RegisterBodyDecoder.decode(damaged, compressed, 479);
      } catch (MalformedBodyException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
