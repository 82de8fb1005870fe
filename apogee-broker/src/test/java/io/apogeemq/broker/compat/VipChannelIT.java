package io.apogeemq.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VIP channel: an official producer and push consumer with {@code vipChannelEnabled=true}
 * (the 4.9 client's default) send and consume through a broker on a fixed port P, which serves
 * the same processors on P-2; the producer's sends really arrive on P-2. Runs with 5.3.3 here
 * and with 4.9.8 in apogee-broker-compat-4x.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VipChannelIT {

  @TempDir
  Path dir;

  @Test
  void aClientWithTheVipChannelOnSendsToPortMinusTwoAndConsumes() throws Exception {
    int port = brokerPort();
    Properties overrides = new Properties();
    overrides.setProperty("listenPort", Integer.toString(port));
    overrides.setProperty("bindAddress", "127.0.0.1");
    try (ConsumeCluster cluster = new ConsumeCluster(dir, overrides)) {
      assertThat(cluster.broker().endpoint().port()).isEqualTo(port);
      cluster.createTopic("VipT", 2);
      DefaultMQProducer producer = cluster.configure(new DefaultMQProducer("vip-pg"));
      producer.setVipChannelEnabled(true);
      producer.setSendMsgTimeout(10_000);
      producer.start();
      OfficialClients.Received received = new OfficialClients.Received();
      DefaultMQPushConsumer consumer = OfficialClients.pushConsumer(cluster, "vip-cg", "VipT",
          "*", received);
      consumer.setVipChannelEnabled(true);
      try {
        for (int i = 0; i < 10; i++) {
          assertThat(producer.send(new Message("VipT", ("vip-" + i)
              .getBytes(StandardCharsets.UTF_8))).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
        assumeLinuxSocketTable();
        assertThat(establishedLocalPorts()).as("connections to the VIP port %d", port - 2)
            .contains(port - 2);

        consumer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> received.total() >= 10);
      } finally {
        consumer.shutdown();
        producer.shutdown();
      }
    }
  }

  /** A port P with P-2 also free, below the ephemeral range. */
  private static int brokerPort() throws IOException {
    for (int attempt = 0; attempt < 500; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      if (isFree(p - 2) && isFree(p)) {
        return p;
      }
    }
    throw new IOException("no free port pair (P-2, P) on 127.0.0.1");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void assumeLinuxSocketTable() {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp on this OS");
  }

  /** Local ports of ESTABLISHED TCP sockets in this network namespace (Linux). */
  private static List<Integer> establishedLocalPorts() throws IOException {
    List<Integer> ports = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[3].equals("01")) {
          String local = f[1];
          ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1)
              .toUpperCase(Locale.ROOT), 16));
        }
      }
    }
    return ports;
  }
}
