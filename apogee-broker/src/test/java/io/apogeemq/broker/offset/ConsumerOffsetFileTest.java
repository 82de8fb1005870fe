package io.apogeemq.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ConsumerOffsetFileTest {

  @TempDir Path dir;

  @Test
  void savedOffsetsLoadBackAndNoTempFileRemains() throws IOException {
    ConsumerOffsetFile file = new ConsumerOffsetFile(dir.resolve("config/consumerOffset.json"));
    Map<String, Map<Integer, Long>> table = Map.of("T@g", Map.of(0, 12L, 3, 7L),
        "%RETRY%g@g", Map.of(0, 0L));
    file.save(table);
    assertThat(file.load()).isEqualTo(table);
    assertThat(Files.list(dir.resolve("config")).map(p -> p.getFileName().toString()))
        .containsExactly("consumerOffset.json");
  }

  @Test
  void readsTheOfficialBrokersFastjsonOutputWithUnquotedQueueIds() throws IOException {
    Path p = dir.resolve("consumerOffset.json");
    Files.writeString(p, "{\n\t\"offsetTable\":{\n\t\t\"TopicTest@cg\":{0:5,1:6}\n\t}\n}",
        StandardCharsets.UTF_8);
    assertThat(new ConsumerOffsetFile(p).load()).isEqualTo(Map.of("TopicTest@cg", Map.of(0, 5L,
        1, 6L)));
  }

  @Test
  void aMissingFileIsAnEmptyTable() throws IOException {
    assertThat(new ConsumerOffsetFile(dir.resolve("none.json")).load()).isEmpty();
  }

  @Test
  void malformedContentIsRejectedNamingTheFile() throws IOException {
    Path p = dir.resolve("consumerOffset.json");
    Files.writeString(p, "{\"offsetTable\":{\"nogroup\":{\"0\":1}}}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new ConsumerOffsetFile(p).load()).isInstanceOf(IOException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("topic@group");
    Files.writeString(p, "{\"offsetTable\":{\"t@g\":{\"0\":\"x\"}}}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new ConsumerOffsetFile(p).load()).isInstanceOf(IOException.class)
        .hasMessageContaining("not a number");
  }
}
