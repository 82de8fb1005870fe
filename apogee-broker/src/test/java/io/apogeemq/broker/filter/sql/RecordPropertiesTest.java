package io.apogeemq.broker.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordPropertiesTest {

  @Test
  void findsEachPropertyOfAStoredRecordByExactName() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("TAGS", "TagA");
    props.put("ab", "1");
    props.put("abc", "héllo");
    props.put("c", "x");
    ByteBuffer record = RecordFixtures.record(props, "body ab\u0001no");
    RecordProperties p = RecordProperties.of(record);
    assertThat(get(p, "ab")).isEqualTo("1");
    assertThat(get(p, "abc")).isEqualTo("héllo");
    assertThat(get(p, "a")).isNull();
    assertThat(get(p, "b")).isNull();
    assertThat(get(p, "TAGS")).isEqualTo("TagA");
    assertThat(get(p, "c")).isEqualTo("x");
    assertThat(get(p, "body")).isNull();
  }

  @Test
  void aTruncatedRecordHasNoProperties() {
    ByteBuffer record = RecordFixtures.record(Map.of("a", "1"), "body");
    ByteBuffer cut = record.duplicate();
    cut.limit(cut.limit() - 3);
    assertThat(get(RecordProperties.of(cut.slice()), "a")).isNull();
    assertThat(get(RecordProperties.of(ByteBuffer.allocate(5)), "a")).isNull();
  }

  private static String get(PropertySource p, String name) {
    return p.get(name, name.getBytes(StandardCharsets.UTF_8));
  }
}
