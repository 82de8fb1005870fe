package io.apogeemq.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayOffsetFileTest {

  @TempDir Path dir;

  @Test
  void savedProgressLoadsBackPerLevel() throws IOException {
    DelayOffsetFile f = new DelayOffsetFile(dir.resolve("config/delayOffset.json"));
    assertThat(f.load()).as("missing file = empty table").isEmpty();
    f.save(new long[] {0, 15, 127});
    assertThat(f.load()).isEqualTo(Map.of(1, 0L, 2, 15L, 3, 127L));
  }

  @Test
  void theOfficialBrokersFastjsonShapeIsRead() throws IOException {
    Path p = dir.resolve("delayOffset.json");
    Files.writeString(p, "{\"offsetTable\":{1:4,2:0,18:9},\"dataVersion\":{\"counter\":3,"
        + "\"timestamp\":1714530000000}}", StandardCharsets.UTF_8);
    assertThat(new DelayOffsetFile(p).load())
        .isEqualTo(Map.of(1, 4L, 2, 0L, 18, 9L));
  }

  @Test
  void aMalformedFileIsAnErrorNamingTheFileAndIsLeftAlone() throws IOException {
    Path p = dir.resolve("delayOffset.json");
    for (String bad : new String[] {"{\"offsetTable\":{\"0\":4}}", "{\"offsetTable\":{\"1\":-2}}",
        "{\"offsetTable\":{\"x\":1}}", "{\"offsetTable\":{\"1\":\"a\"}}", "{not json"}) {
      Files.writeString(p, bad, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> new DelayOffsetFile(p).load()).as(bad)
          .isInstanceOf(IOException.class).hasMessageContaining(p.toString());
      assertThat(Files.readString(p)).isEqualTo(bad);
    }
  }
}
