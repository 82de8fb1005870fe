package io.apogeemq.broker.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogeemq.broker.BrokerServer;
import io.apogeemq.broker.support.TestBrokers;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.store.AppendMessage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timer service inside an embedded broker (no client): parked messages survive a clean
 * restart, the one delivered before it is not delivered again, past-due ones go out at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TimerServiceRestartTest {

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 9));

  @TempDir Path dir;

  private static AppendMessage message(String body, long deliverAt) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("TIMER_DELIVER_MS", Long.toString(deliverAt));
    props.put("UNIQ_KEY", body);
    return new AppendMessage("TimerR", 1, 0, body.getBytes(), MessageProperties.encode(props), 0,
        System.currentTimeMillis(), HOST, HOST, 0, 0, true);
  }

  @Test
  void parkedTimerMessagesSurviveACleanRestartAndAreEachDeliveredOnce() throws Exception {
    TimerRedirect redirect = new TimerRedirect(Clock.systemUTC(), true, 60);
    BrokerServer broker = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC());
    broker.start();
    try {
      long now = System.currentTimeMillis();
      assertThat(broker.store().append(redirect.redirect(message("early", now + 200))).join()
          .status().isStored()).isTrue();
      await().atMost(Duration.ofSeconds(20))
          .until(() -> broker.store().maxOffset("TimerR", 1) == 1);
      for (int i = 0; i < 10; i++) {
        assertThat(broker.store().append(redirect.redirect(
            message("late-" + i, System.currentTimeMillis() + 2_000 + i * 100))).join()
            .status().isStored()).isTrue();
      }
      assertThat(broker.store().maxOffset("TimerR", 1)).isEqualTo(1);
    } finally {
      broker.close();
    }
    BrokerServer again = BrokerServer.create(TestBrokers.config(dir), Clock.systemUTC());
    again.start();
    try {
      await().atMost(Duration.ofSeconds(30))
          .until(() -> again.store().maxOffset("TimerR", 1) == 11);
      Thread.sleep(1_500);
      assertThat(again.store().maxOffset("TimerR", 1)).isEqualTo(11);
    } finally {
      again.close();
    }
  }
}
