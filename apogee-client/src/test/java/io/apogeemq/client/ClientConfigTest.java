package io.apogeemq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClientConfigTest {

  @Test
  void parsesSemicolonSeparatedNameServersAndAppliesTheNamespace() {
    ClientConfig c = ClientConfig.builder().namesrv("a:1; b:2").namespace("ns").build();
    assertThat(c.namesrvAddresses()).containsExactly("a:1", "b:2");
    assertThat(c.wrap("orders")).isEqualTo("ns%orders");
    assertThat(c.wrap("ns%orders")).isEqualTo("ns%orders");
  }

  @Test
  void systemPropertyIsUsedWhenNoAddressIsGiven() {
    String old = System.getProperty(ClientConfig.NAMESRV_PROPERTY);
    System.setProperty(ClientConfig.NAMESRV_PROPERTY, "10.0.0.1:9876");
    try {
      assertThat(ClientConfig.builder().build().namesrvAddresses()).containsExactly("10.0.0.1:9876");
    } finally {
      if (old == null) {
        System.clearProperty(ClientConfig.NAMESRV_PROPERTY);
      } else {
        System.setProperty(ClientConfig.NAMESRV_PROPERTY, old);
      }
    }
  }

  @Test
  void badAddressesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ClientConfig.builder().namesrv("no-port").build())
        .hasMessageContaining("not host:port");
  }

  @Test
  void twoClientsInOneJvmGetDistinctIds() {
    assertThat(ClientConfig.builder().namesrv("a:1").build().clientId())
        .isNotEqualTo(ClientConfig.builder().namesrv("a:1").build().clientId());
  }
}
