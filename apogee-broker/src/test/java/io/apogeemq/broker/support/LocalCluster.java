package io.apogeemq.broker.support;

import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;
import io.apogeemq.store.TagFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An Apogee NameServer and an Apogee broker registered with it, on free loopback ports, with
 * their data in a temporary directory that {@link #close()} deletes.
 */
public final class LocalCluster implements AutoCloseable {

  private final Path dir;
  private final EmbeddedNamesrv namesrv;
  private final BrokerServer broker;

  public LocalCluster(Properties brokerOverrides) throws Exception {
    dir = Files.createTempDirectory("apogee-broker-it");
    namesrv = new EmbeddedNamesrv(dir.resolve("namesrv"));
    Properties p = new Properties();
    p.putAll(brokerOverrides);
    p.setProperty("namesrvAddr", namesrv.addr());
    broker = BrokerServer.create(TestBrokers.config(dir.resolve("store"), p), Clock.systemUTC());
    broker.start();
  }

  public LocalCluster() throws Exception {
    this(new Properties());
  }

  public String namesrvAddr() {
    return namesrv.addr();
  }

  public BrokerServer broker() {
    return broker;
  }

  /**
   * The records stored in one queue from {@code offset}, decoded with CRC check, once everything
   * appended so far is dispatched to the consume queues (that happens asynchronously).
   */
  public List<MessageRecord> read(String topic, int queueId, long offset, int max) {
    awaitDispatched();
    List<MessageRecord> out = new ArrayList<>();
    try (GetResult r = broker.store().getMessages(topic, queueId, offset, max, 64 << 20,
        TagFilter.ALL)) {
      if (r.status() != GetStatus.FOUND) {
        return out;
      }
      r.messages().forEach(s -> out.add(MessageRecordCodec.decode(s.buffer().duplicate(), true)));
    }
    return out;
  }

  /** Waits (bounded) until the consume queues cover everything in the CommitLog. */
  public void awaitDispatched() {
    var store = broker.store();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> store.dispatchedOffset() >= store.commitLogMaxOffset());
  }

  /** Every record of every queue of {@code topic} (tests with a handful of messages). */
  public List<MessageRecord> readAll(String topic) {
    List<MessageRecord> out = new ArrayList<>();
    var tc = broker.topics().get(topic);
    if (tc == null) {
      return out;
    }
    for (int q = 0; q < tc.queueCount(); q++) {
      out.addAll(read(topic, q, 0, 1000));
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      broker.close();
    } finally {
      namesrv.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
