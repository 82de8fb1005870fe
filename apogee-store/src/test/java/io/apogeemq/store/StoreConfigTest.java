package io.apogeemq.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StoreConfigTest {

  @Test
  void readsRocketMqKeysIncludingOldSpellingsAndClampsRatios() {
    Properties p = new Properties();
    p.setProperty("storePathRootDir", "/data/store");
    p.setProperty("mapedFileSizeCommitLog", "104857600");
    p.setProperty("mappedFileSizeConsumeQueue", "6000001");
    p.setProperty("flushDiskType", "SYNC_FLUSH");
    p.setProperty("diskMaxUsedSpaceRatio", "99");
    p.setProperty("deleteWhen", "04;16");
    p.setProperty("someUnknownKey", "x");
    StoreConfig c = StoreConfig.fromProperties(p);
    assertThat(c.storePathCommitLog()).isEqualTo(Path.of("/data/store/commitlog"));
    assertThat(c.mappedFileSizeCommitLog()).isEqualTo(104857600);
    assertThat(c.mappedFileSizeConsumeQueue()).isEqualTo(6000020);
    assertThat(c.flushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
    assertThat(c.diskMaxUsedSpaceRatio()).isEqualTo(95);
    assertThat(c.deleteWhen()).isEqualTo("04;16");
    assertThat(c.syncFlushTimeout()).isEqualTo(5000);
  }

  @Test
  void namesTheKeyOfAMalformedNumber() {
    Properties p = new Properties();
    p.setProperty("maxMessageSize", "4MB");
    assertThatThrownBy(() -> StoreConfig.fromProperties(p))
        .hasMessageContaining("maxMessageSize").hasMessageContaining("4MB");
  }
}
