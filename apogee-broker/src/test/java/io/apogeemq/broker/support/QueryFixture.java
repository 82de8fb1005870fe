package io.apogeemq.broker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * A {@link LocalCluster} with a started official producer and {@code DefaultMQAdminExt}, for the
 * message query tests: messages are sent with keys to one topic and found again. Written against
 * the client API both 4.9.8 and 5.3.3 have ({@code apogee-broker-compat-4x} compiles it with
 * 4.9.8). Used by one test thread.
 */
public final class QueryFixture implements AutoCloseable {

  private final String topic;
  private final LocalCluster cluster;
  private final DefaultMQProducer producer;
  private final DefaultMQAdminExt admin;

  /** Starts the cluster, the producer and the admin; {@code name} tells their instances apart. */
  public QueryFixture(String name, String topic) throws Exception {
    this.topic = topic;
    this.cluster = new LocalCluster();
    DefaultMQProducer p = null;
    DefaultMQAdminExt a = null;
    try {
      p = new DefaultMQProducer(name + "-producer");
      p.setNamesrvAddr(cluster.namesrvAddr());
      p.setInstanceName(name + "-p-" + System.nanoTime());
      p.setVipChannelEnabled(false);
      p.start();
      a = new DefaultMQAdminExt(10_000);
      a.setNamesrvAddr(cluster.namesrvAddr());
      a.setInstanceName(name + "-a-" + System.nanoTime());
      a.setVipChannelEnabled(false);
      a.start();
    } catch (Exception e) {
      stop(a, p, cluster);
      throw e;
    }
    this.producer = p;
    this.admin = a;
  }

  public LocalCluster cluster() {
    return cluster;
  }

  public DefaultMQAdminExt admin() {
    return admin;
  }

  /**
   * Sends {@code n} messages ({@code body-0} …, tag {@code TagA}) with {@code keys}, asserts each
   * was {@code SEND_OK}, and waits until they are dispatched (so queries can find them).
   */
  public List<SendResult> sendWithKeys(int n, String keys) throws Exception {
    List<SendResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message m = new Message(topic, "TagA", keys, ("body-" + i).getBytes(StandardCharsets.UTF_8));
      SendResult r = producer.send(m);
      assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      out.add(r);
    }
    cluster.awaitDispatched();
    return out;
  }

  @Override
  public void close() throws Exception {
    stop(admin, producer, cluster);
  }

  private static void stop(DefaultMQAdminExt admin, DefaultMQProducer producer,
      LocalCluster cluster) throws Exception {
    try {
      try {
        if (admin != null) {
          admin.shutdown();
        }
      } finally {
        if (producer != null) {
          producer.shutdown();
        }
      }
    } finally {
      cluster.close();
    }
  }
}
