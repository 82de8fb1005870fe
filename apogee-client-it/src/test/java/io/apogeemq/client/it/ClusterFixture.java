package io.apogeemq.client.it;

import io.apogeemq.client.ApogeeClient;
import io.apogeemq.client.ClientConfig;
import io.apogeemq.testkit.Feature;
import io.apogeemq.testkit.TargetCluster;
import io.apogeemq.testkit.TargetClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Assumptions;

/** Helpers the client ITs share: Apogee clients and official consumers against a target. */
final class ClusterFixture {

  private static final AtomicInteger SEQ = new AtomicInteger();
  private static TargetCluster shared;

  /**
   * The target cluster of this test JVM, started on first use and closed when the JVM exits:
   * starting the official servers takes from 10 s to minutes on a loaded machine, so the test
   * classes share one (each uses its own topics and groups).
   */
  static synchronized TargetCluster cluster() throws Exception {
    if (shared == null) {
      TargetCluster c = TargetClusters.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          c.close();
        } catch (Exception e) {
          System.err.println("closing " + c + " failed: " + e);
        }
      }, "it-cluster-close"));
      shared = c;
    }
    return shared;
  }

  private ClusterFixture() {}

  /**
   * Skips the calling test, with the target's reason, when the target cluster lacks
   * {@code feature}: never a silent pass.
   */
  static void assumeFeature(TargetCluster cluster, Feature feature) {
    String missing = cluster.lacks(feature);
    Assumptions.assumeTrue(missing == null,
        () -> cluster.label() + " lacks " + feature + ": " + missing);
  }

  static String unique(String prefix) {
    return prefix + "-" + System.currentTimeMillis() % 100_000 + "-" + SEQ.incrementAndGet();
  }

  static ApogeeClient client(TargetCluster cluster) {
    return ApogeeClient.start(ClientConfig.builder().namesrv(cluster.namesrvAddress())
        .clientIp("127.0.0.1").routeRefreshInterval(Duration.ofSeconds(2))
        .heartbeatInterval(Duration.ofSeconds(5)).build());
  }

  /** An official push consumer collecting every message of {@code topic} from the first offset. */
  static final class OfficialCollector implements AutoCloseable {
    final ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
    final DefaultMQPushConsumer consumer;

    OfficialCollector(TargetCluster cluster, String group, String topic) throws Exception {
      consumer = new DefaultMQPushConsumer(group);
      consumer.setNamesrvAddr(cluster.namesrvAddress());
      consumer.setInstanceName(unique("official"));
      consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
      consumer.setPullInterval(0);
      consumer.subscribe(topic, "*");
      consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
        received.addAll(msgs);
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      });
      consumer.start();
    }

    List<MessageExt> awaitCount(int n, long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (received.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return new ArrayList<>(received);
    }

    @Override
    public void close() {
      consumer.shutdown();
    }
  }
}
