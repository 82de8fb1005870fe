package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.EmbeddedNamesrv;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.store.AppendMessage;
import io.apogeemq.store.AppendResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.ClientConfig;

/**
 * An Apogee NameServer and broker on free loopback ports, with data under a test directory, for
 * tests with the official client. The broker can be restarted on the same data.
 */
final class ConsumeCluster implements AutoCloseable {

  private static final AtomicLong IDS = new AtomicLong(System.nanoTime());
  private static final MessageHost BORN = MessageHost.of(new InetSocketAddress("127.0.0.1", 4242));

  private final Path dir;
  private final EmbeddedNamesrv namesrv;
  private final Properties brokerProperties;
  private BrokerServer broker;

  ConsumeCluster(Path dir) throws Exception {
    this(dir, new Properties());
  }

  /** @param brokerProperties broker config keys on top of the test defaults */
  ConsumeCluster(Path dir, Properties brokerProperties) throws Exception {
    this.dir = dir;
    this.brokerProperties = brokerProperties;
    this.namesrv = new EmbeddedNamesrv(dir.resolve("namesrv"));
    startBroker();
  }

  private void startBroker() throws Exception {
    Properties p = new Properties();
    p.putAll(brokerProperties);
    p.setProperty("namesrvAddr", namesrv.addr());
    broker = BrokerServer.create(TestBrokers.config(dir.resolve("broker"), p), Clock.systemUTC());
    broker.start();
  }

  String namesrvAddr() {
    return namesrv.addr();
  }

  BrokerServer broker() {
    return broker;
  }

  /** Stops the broker cleanly and starts it again on the same data (on a new free port). */
  void restartBroker() throws Exception {
    broker.close();
    startBroker();
  }

  /** Creates a topic and waits until the NameServer routes it to this broker. */
  void createTopic(String topic, int queues) {
    broker.topics().put(TopicConfig.of(topic, queues));
    String addr = broker.endpoint().addr();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(namesrv.server().services().routes().route(topic)).hasValueSatisfying(r ->
            assertThat(r.brokerDatas().get(0).masterAddr()).isEqualTo(addr)));
  }

  /**
   * Stores a message straight into the broker's store (what a send would store), so consume-side
   * tests do not depend on the send path.
   */
  AppendResult append(String topic, int queueId, String tag, String body) {
    Map<String, String> props = new LinkedHashMap<>();
    if (tag != null) {
      props.put(PropertyKeys.TAGS, tag);
    }
    props.put(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
        String.format("%032X", IDS.incrementAndGet()));
    AppendResult r = broker.store().append(new AppendMessage(topic, queueId, 0,
        body.getBytes(StandardCharsets.UTF_8), MessageProperties.encode(props), 0,
        System.currentTimeMillis(), BORN, broker.endpoint().storeHost(), 0, 0, true)).join();
    assertThat(r.status().isStored()).as("append to %s-%d: %s", topic, queueId, r).isTrue();
    return r;
  }

  /**
   * Points an official client at this cluster with a unique instance name. Heartbeats every 2 s
   * instead of 30 s: a client skips the heartbeat that announces its new subscription version after
   * a rebalance when another heartbeat of the same instance is in flight, and its pulls are then
   * answered SUBSCRIPTION_NOT_LATEST until the next periodic heartbeat (the official broker does
   * the same); tests should not wait 30 s for that.
   */
  <T extends ClientConfig> T configure(T client) {
    client.setNamesrvAddr(namesrv.addr());
    client.setHeartbeatBrokerInterval(2_000);
    client.setInstanceName("it-" + IDS.incrementAndGet());
    client.setVipChannelEnabled(false);
    return client;
  }

  @Override
  public void close() {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      namesrv.close();
    }
  }
}
