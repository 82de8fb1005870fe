package io.apogeemq.broker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.LocalMessageStore;
import io.apogeemq.store.file.ForwardingStorageIo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A full disk refuses sends with SERVICE_NOT_AVAILABLE and a reason; space back, sends work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendDiskFullIT {

  @TempDir
  Path dir;

  private static final class FillableDisk extends ForwardingStorageIo {
    volatile double used = 0.10;

    @Override
    public double usedRatio(Path d) {
      return used;
    }
  }

  private static RemotingCommand send(String topic) {
    RemotingCommand c = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).version(479);
    c.putExtField("a", "pg").putExtField("b", topic).putExtField("c", "TBW102")
        .putExtField("d", 4).putExtField("e", 0).putExtField("f", 0)
        .putExtField("g", System.currentTimeMillis()).putExtField("h", 0).putExtField("i", "");
    return c.body(new byte[16]);
  }

  @Test
  void fullDiskAnswersServiceNotAvailableAndRecoversWhenSpaceIsBack() throws Exception {
    Properties p = new Properties();
    p.setProperty("cleanResourceInterval", "50");
    BrokerConfig config = TestBrokers.config(dir, p);
    FillableDisk disk = new FillableDisk();
    LocalMessageStore store = LocalMessageStore.open(config.store(), disk, Clock.systemUTC());
    RemotingClient client = new RemotingClient("disk-full", RemotingClientConfig.defaults(), null);
    try (BrokerServer broker = BrokerServer.create(config, Clock.systemUTC(), store,
        b -> List.of())) {
      broker.start();
      client.start();
      String addr = broker.endpoint().addr();
      broker.topics().put(TopicConfig.of("Disk", 1));
      assertThat(client.invokeSync(addr, send("Disk"), 10_000).code())
          .isEqualTo(ResponseCode.SUCCESS);

      disk.used = 0.99;
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        RemotingCommand r = client.invokeSync(addr, send("Disk"), 10_000);
        assertThat(r.code()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
        assertThat(r.remark()).contains("full").contains("Disk");
      });
      assertThat(broker.store().maxOffset("Disk", 0)).isEqualTo(1);

      disk.used = 0.10;
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(client.invokeSync(addr, send("Disk"), 10_000).code())
              .isEqualTo(ResponseCode.SUCCESS));
    } finally {
      client.shutdown();
    }
  }
}
