package io.apogeemq.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.support.StoreFixture;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HaMasterListenTest {

  @TempDir
  Path dir;

  @Test
  void theHaListenerBindsTheConfiguredInterfaceOnly() throws Exception {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", dir.resolve("store").toString());
    p.setProperty("bindAddress", "127.0.0.1");
    BrokerConfig config = BrokerConfig.fromProperties(p, w -> { });
    try (StoreFixture f = new StoreFixture(dir.resolve("fixture"))) {
      HaMaster master = new HaMaster(config.ha(), f.store(), Clock.systemUTC(),
          new ReplicaWaiters(System::nanoTime));
      int port = master.start(config.bindAddress(), 0);
      try {
        InetSocketAddress bound = master.localAddress();
        assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(bound.getAddress().isAnyLocalAddress()).isFalse();
        assertThat(bound.getPort()).isEqualTo(port);
        try (Socket s = new Socket("127.0.0.1", port)) {
          assertThat(s.isConnected()).isTrue();
        }
      } finally {
        master.shutdown();
      }
    }
  }
}
