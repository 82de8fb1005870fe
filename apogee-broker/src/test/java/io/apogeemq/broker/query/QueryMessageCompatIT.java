package io.apogeemq.broker.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code VIEW_MESSAGE_BY_ID} and {@code QUERY_MESSAGE} answers that only the 5.x wire shows (the
 * error codes and remarks). Finding messages by offset id, unique key and key, with both official
 * client versions, is {@code compat/AdminQueryCompatIT}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QueryMessageCompatIT {

  private static final String TOPIC = "QueryTopic";

  private LocalCluster cluster;
  private DefaultMQProducer producer;
  private DefaultMQAdminExt admin;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    producer = new DefaultMQProducer("query-it-producer");
    producer.setNamesrvAddr(cluster.namesrvAddr());
    producer.setInstanceName("query-it-p-" + System.nanoTime());
    producer.setVipChannelEnabled(false);
    producer.start();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(cluster.namesrvAddr());
    admin.setInstanceName("query-it-a-" + System.nanoTime());
    admin.setVipChannelEnabled(false);
    admin.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (admin != null) {
        admin.shutdown();
      }
      if (producer != null) {
        producer.shutdown();
      }
    } finally {
      cluster.close();
    }
  }

  private List<SendResult> sendWithKeys(int n, String keys) throws Exception {
    List<SendResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message m = new Message(TOPIC, "TagA", keys, ("body-" + i).getBytes(StandardCharsets.UTF_8));
      SendResult r = producer.send(m);
      assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      out.add(r);
    }
    cluster.awaitDispatched();
    return out;
  }

  @Test
  void viewAtAnOffsetWithoutARecordIsASystemErrorNamingTheOffset() throws Exception {
    sendWithKeys(1, "x");
    long nonsense = cluster.broker().store().commitLogMaxOffset() + 12_345;
    RemotingClient raw = new RemotingClient("query-it", RemotingClientConfig.defaults(), null);
    raw.start();
    try {
      RemotingCommand view = RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
          .putExtField("offset", nonsense).putExtField("topic", TOPIC);
      RemotingCommand r = raw.invokeSync(cluster.broker().endpoint().addr(), view, 5_000);

      assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
      assertThat(r.remark()).contains("can not find message by the offset, " + nonsense);

      RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_MESSAGE)
          .putExtField("topic", TOPIC).putExtField("key", "no-such-key")
          .putExtField("maxNum", 32).putExtField("beginTimestamp", 0)
          .putExtField("endTimestamp", Long.MAX_VALUE).putExtField("_UNIQUE_KEY_QUERY", "false");
      RemotingCommand q = raw.invokeSync(cluster.broker().endpoint().addr(), query, 5_000);

      assertThat(q.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
      assertThat(q.remark()).contains("no-such-key").contains(TOPIC);
      assertThat(q.extField("indexLastUpdatePhyoffset")).isNotNull();
    } finally {
      raw.shutdown();
    }
  }
}
