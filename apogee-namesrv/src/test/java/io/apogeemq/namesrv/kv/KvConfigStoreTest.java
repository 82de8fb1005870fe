package io.apogeemq.namesrv.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class KvConfigStoreTest {

  @TempDir Path dir;

  @Test
  void valuesSurviveARestart() throws IOException {
    Path file = dir.resolve("namesrv/kvConfig.json");
    KvConfigStore store = new KvConfigStore(file);
    store.load();
    store.put("ORDER_TOPIC_CONFIG", "T", "a:4;b:4");
    store.put("NS", "k", "v");
    store.put("NS", "gone", "x");
    store.delete("NS", "gone");

    KvConfigStore reloaded = new KvConfigStore(file);
    reloaded.load();
    assertThat(reloaded.get("ORDER_TOPIC_CONFIG", "T")).contains("a:4;b:4");
    assertThat(reloaded.namespace("NS")).isEqualTo(Map.of("k", "v"));
    assertThat(Files.exists(file.resolveSibling("kvConfig.json.tmp"))).isFalse();
  }

  @Test
  void readsTheOfficialFileShape() throws IOException {
    Path file = dir.resolve("kvConfig.json");
    Files.writeString(file, "{\"configTable\":{\"ORDER_TOPIC_CONFIG\":{\"T\":\"a:8\"}}}");
    KvConfigStore store = new KvConfigStore(file);
    store.load();
    assertThat(store.get("ORDER_TOPIC_CONFIG", "T")).contains("a:8");
  }

  @Test
  void malformedFileIsReportedAndLeftUntouched() throws IOException {
    Path file = dir.resolve("kvConfig.json");
    Files.writeString(file, "{\"configTable\":{broken");
    KvConfigStore store = new KvConfigStore(file);
    assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"configTable\":{broken");
  }

  @Test
  void failedWriteChangesNothing() throws IOException {
    Path sub = dir.resolve("sub");
    KvConfigStore store = new KvConfigStore(sub.resolve("kvConfig.json"));
    store.load();
    Files.writeString(sub, "a file where the directory should be");
    long gen = store.generation();
    assertThatThrownBy(() -> store.put("NS", "k", "v")).isInstanceOf(IOException.class);
    assertThat(store.get("NS", "k")).isEmpty();
    assertThat(store.generation()).isEqualTo(gen);
  }

  @Test
  void missingFileMeansEmptyStore() throws IOException {
    KvConfigStore store = new KvConfigStore(dir.resolve("none.json"));
    store.load();
    assertThat(store.namespace("x")).isEmpty();
    assertThat(Files.exists(dir.resolve("none.json"))).isFalse();
  }
}
