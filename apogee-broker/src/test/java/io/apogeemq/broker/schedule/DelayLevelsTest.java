package io.apogeemq.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.ConfigException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayLevelsTest {

  @Test
  void theDefaultTableHasEighteenLevelsFromOneSecondToTwoHours() {
    DelayLevels d = DelayLevels.defaults();
    assertThat(d.maxLevel()).isEqualTo(18);
    long[] expected = {1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000,
        360_000, 420_000, 480_000, 540_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000};
    for (int level = 1; level <= 18; level++) {
      assertThat(d.delayMillis(level)).as("level %d", level).isEqualTo(expected[level - 1]);
    }
  }

  @Test
  void everyUnitIsUnderstoodAndExtraSpacesAreIgnored() {
    DelayLevels d = DelayLevels.parse("  250ms 2s\t3m  4h 1d ");
    assertThat(d.maxLevel()).isEqualTo(5);
    assertThat(d.delayMillis(1)).isEqualTo(250);
    assertThat(d.delayMillis(2)).isEqualTo(2_000);
    assertThat(d.delayMillis(3)).isEqualTo(180_000);
    assertThat(d.delayMillis(4)).isEqualTo(14_400_000);
    assertThat(d.delayMillis(5)).isEqualTo(86_400_000);
    assertThat(d.spec()).isEqualTo("250ms 2s 3m 4h 1d");
    assertThat(DelayLevels.parse(d.spec())).isEqualTo(d);
  }

  @Test
  void levelsAboveTheMaximumClampToItAndBelowOneToOne() {
    DelayLevels d = DelayLevels.parse("1s 2s 3s");
    assertThat(d.clamp(99)).isEqualTo(3);
    assertThat(d.clamp(2)).isEqualTo(2);
    assertThat(d.clamp(0)).isEqualTo(1);
    assertThatThrownBy(() -> d.delayMillis(4)).hasMessageContaining("1..3");
  }

  @Test
  void aBadTokenIsRejectedNamingItsLevel() {
    assertThatThrownBy(() -> DelayLevels.parse("1s 5x 10s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay level 2").hasMessageContaining("'5x'");
    assertThatThrownBy(() -> DelayLevels.parse("1s 0s")).hasMessageContaining("level 2");
    assertThatThrownBy(() -> DelayLevels.parse("-1s")).hasMessageContaining("level 1");
    assertThatThrownBy(() -> DelayLevels.parse("s")).hasMessageContaining("level 1");
    assertThatThrownBy(() -> DelayLevels.parse("99999999999s")).hasMessageContaining("level 1");
    assertThatThrownBy(() -> DelayLevels.parse("   ")).hasMessageContaining("empty");
  }

  @Test
  void theBrokerConfigReadsTheTableAndNamesTheKeyWhenItIsBad() {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", Path.of("target", "unused").toString());
    p.setProperty("messageDelayLevel", "1s 2s");
    p.setProperty("flushDelayOffsetInterval", "500");
    BrokerConfig c = BrokerConfig.fromProperties(p, w -> { });
    assertThat(c.schedule().messageDelayLevel().maxLevel()).isEqualTo(2);
    assertThat(c.schedule().flushDelayOffsetInterval()).isEqualTo(500);
    assertThat(BrokerConfig.fromProperties(c.toProperties(), w -> { }).schedule())
        .isEqualTo(c.schedule());
    assertThat(BrokerConfig.defaults(Path.of("target", "unused")).schedule().messageDelayLevel())
        .isEqualTo(DelayLevels.defaults());

    p.setProperty("messageDelayLevel", "1s soon");
    assertThatThrownBy(() -> BrokerConfig.fromProperties(p, w -> { }))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'messageDelayLevel'").hasMessageContaining("soon");
  }
}
