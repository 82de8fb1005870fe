package io.apogeemq.broker.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small real store in a temp directory, with helpers to append tagged messages. */
public final class StoreFixture implements AutoCloseable {

  public static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 10911));

  private final LocalMessageStore store;

  public StoreFixture(Path root) throws IOException {
    this.store = LocalMessageStore.open(StoreConfig.builder(root)
        .mappedFileSizeCommitLog(1024 * 1024)
        .mappedFileSizeConsumeQueue(20 * 1000)
        .maxIndexNum(1000)
        .maxHashSlotNum(100)
        .build());
  }

  public LocalMessageStore store() {
    return store;
  }

  /** Appends one message with {@code tag} (null for none) and waits until it is dispatched. */
  public AppendResult append(String topic, int queueId, String tag, String body) {
    Map<String, String> props = new LinkedHashMap<>();
    if (tag != null) {
      props.put(PropertyKeys.TAGS, tag);
    }
    long before = store.maxOffset(topic, queueId);
    AppendResult r = store.append(new AppendMessage(topic, queueId, 0,
        body.getBytes(StandardCharsets.UTF_8), MessageProperties.encode(props), 0,
        System.currentTimeMillis(), HOST, HOST, 0, 0, true)).join();
    assertThat(r.status().isStored()).as("append to %s-%d: %s", topic, queueId, r).isTrue();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> store.maxOffset(topic, queueId) > before);
    return r;
  }

  @Override
  public void close() {
    store.close();
  }
}
