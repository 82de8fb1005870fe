package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.support.LocalCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What only the official 5.3.3 {@code DefaultMQAdminExt} can ask:
 * {@code UPDATE_AND_CREATE_TOPIC_LIST} (several topics in one request, {@code createAndUpdateTopicConfigList}; 4.9.8 has no such call),
 * and the refusal of system topics through it and through the single-topic request. Everything the
 * 4.9.8 admin can ask too lives in {@code compat/AdminTopicCompatIT}, which
 * {@code apogee-broker-compat-4x} runs with both versions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminCompatIT {

  private LocalCluster cluster;
  private DefaultMQAdminExt admin;
  private String brokerAddr;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    brokerAddr = cluster.broker().endpoint().addr();
    admin = new DefaultMQAdminExt(10_000);
    admin.setNamesrvAddr(cluster.namesrvAddr());
    admin.setInstanceName("admin-it-" + System.nanoTime());
    admin.setVipChannelEnabled(false);
    admin.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      admin.shutdown();
    } finally {
      cluster.close();
    }
  }

  @Test
  void topicListIsCreatedInOneRequestAndSystemTopicsAreRefused() throws Exception {
    TopicConfig a = new TopicConfig("ListTopicA", 2, 2, 6);
    TopicConfig b = new TopicConfig("ListTopicB", 3, 3, 4);

    admin.createAndUpdateTopicConfigList(brokerAddr, List.of(a, b));

    assertThat(cluster.broker().topics().get("ListTopicA").writeQueueNums()).isEqualTo(2);
    assertThat(cluster.broker().topics().get("ListTopicB").perm()).isEqualTo(4);
    assertThatThrownBy(() -> admin.createAndUpdateTopicConfig(brokerAddr,
        new TopicConfig("TBW102", 1, 1, 6)))
        .isInstanceOfSatisfying(MQClientException.class,
            e -> assertThat(e.getResponseCode()).isEqualTo(29));
    assertThat(cluster.broker().topics().get("TBW102").writeQueueNums()).isNotEqualTo(1);
    assertThatThrownBy(() -> admin.createAndUpdateTopicConfig(brokerAddr,
        new TopicConfig("SCHEDULE_TOPIC_XXXX", 1, 1, 6)))
        .isInstanceOfSatisfying(MQClientException.class, e -> {
          assertThat(e.getResponseCode()).isEqualTo(29);
          assertThat(e.getErrorMessage()).contains("SCHEDULE_TOPIC_XXXX").contains("reserved");
        });
  }
}
