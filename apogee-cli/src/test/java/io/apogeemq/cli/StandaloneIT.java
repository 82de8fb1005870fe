package io.apogeemq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandaloneIT {

  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Properties conf(String name) throws IOException {
    Properties p = new Properties();
    p.setProperty("brokerName", name);
    p.setProperty("namesrvAddr", "127.0.0.1:" + freePort());
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("storePathRootDir", dir.resolve(name).toString());
    p.setProperty("mappedFileSizeCommitLog", Integer.toString(8 << 20));
    p.setProperty("mappedFileSizeConsumeQueue", "200000");
    p.setProperty("maxIndexNum", "10000");
    return p;
  }

  private static SendResult sendOne(String namesrv, String topic) throws Exception {
    DefaultMQProducer producer = new DefaultMQProducer("pg-standalone");
    producer.setNamesrvAddr(namesrv);
    producer.setInstanceName("standalone-it-" + UUID.randomUUID());
    producer.setVipChannelEnabled(false);
    producer.setSendMsgTimeout(10_000);
    producer.start();
    try {
      return producer.send(new Message(topic, "hi".getBytes(StandardCharsets.UTF_8)));
    } finally {
      producer.shutdown();
    }
  }

  @Test
  void twoStandaloneInstancesRunSideBySideFromTwoConfigurations() throws Exception {
    Properties confA = conf("broker-a");
    try (Standalone a = Standalone.start(confA, w -> { });
        Standalone b = Standalone.start(conf("broker-b"), w -> { })) {
      assertThat("127.0.0.1:" + a.namesrvPort()).isEqualTo(confA.getProperty("namesrvAddr"));
      SendResult ra = sendOne("127.0.0.1:" + a.namesrvPort(), "TopicA");
      SendResult rb = sendOne("127.0.0.1:" + b.namesrvPort(), "TopicB");
      assertThat(ra.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      assertThat(ra.getMessageQueue().getBrokerName()).isEqualTo("broker-a");
      assertThat(rb.getMessageQueue().getBrokerName()).isEqualTo("broker-b");
      assertThat(a.broker().topics().get("TopicB")).isNull();
      assertThat(dir.resolve("broker-a").resolve("config").resolve("topics.json")).isRegularFile();
    }
  }

  @Test
  void dataSurvivesARestartOnTheSameDirectory() throws Exception {
    Properties p = conf("broker-r");
    long offset;
    try (Standalone s = Standalone.start(p, w -> { })) {
      offset = sendOne("127.0.0.1:" + s.namesrvPort(), "Kept").getQueueOffset();
    }
    try (Standalone s = Standalone.start(p, w -> { })) {
      assertThat(s.broker().topics().get("Kept")).isNotNull();
      SendResult again = sendOne("127.0.0.1:" + s.namesrvPort(), "Kept");
      assertThat(again.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
      long total = 0;
      for (int q = 0; q < 4; q++) {
        total += s.broker().store().maxOffset("Kept", q);
      }
      assertThat(total).isEqualTo(2);
      assertThat(offset).isGreaterThanOrEqualTo(0);
    }
  }
}
