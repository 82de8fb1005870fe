package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SubscriptionGroupBodyTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void membersNotGivenKeepTheOfficialDefaultsAndUnknownMembersAreIgnored() {
    SubscriptionGroupConfig c = SubscriptionGroupAdminProcessor.decode(utf8(
        "{\"groupName\":\"cg1\",\"retryMaxTimes\":3,\"groupRetryPolicy\":{\"type\":\"CUSTOMIZED\"}}"));

    assertThat(c).isEqualTo(new SubscriptionGroupConfig("cg1", true, true, true, 1, 3, 0, 1, true));
  }

  @Test
  void aBodyWithoutGroupNameOrNotJsonIsASystemErrorSayingSo() {
    assertThatThrownBy(() -> SubscriptionGroupAdminProcessor.decode(utf8("{\"retryMaxTimes\":3}")))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR))
        .hasMessageContaining("groupName");
    assertThatThrownBy(() -> SubscriptionGroupAdminProcessor.decode(utf8("{not json")))
        .isInstanceOf(CommandException.class).hasMessageContaining("not a valid");
    assertThatThrownBy(() -> SubscriptionGroupAdminProcessor.decode(
        utf8("{\"groupName\":\"g\",\"retryQueueNums\":-1}")))
        .isInstanceOf(CommandException.class).hasMessageContaining("retryQueueNums");
  }
}
