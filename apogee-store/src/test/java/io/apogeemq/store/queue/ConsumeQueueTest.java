package io.apogeemq.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.store.file.StorageIo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConsumeQueueTest {

  @TempDir Path dir;

  private ConsumeQueue queue() {
    return new ConsumeQueue("T", 0, dir.resolve("T/0"), 20 * 10, StorageIo.standard());
  }

  @Test
  void aQueueThatStartsLateIsPreFilledAndReportsItsMinOffset() throws Exception {
    ConsumeQueue cq = queue();
    assertThat(cq.put(1000, 100, 7, 13)).isTrue();
    assertThat(cq.minOffset()).isEqualTo(13);
    assertThat(cq.maxOffset()).isEqualTo(14);
    assertThat(cq.unit(13)).isEqualTo(new ConsumeQueueUnit(1000, 100, 7));
    assertThat(cq.unit(12)).isNull();
    cq.close();
    ConsumeQueue reopened = queue();
    reopened.load();
    reopened.recover();
    assertThat(reopened.minOffset()).isEqualTo(13);
    assertThat(reopened.maxOffset()).isEqualTo(14);
    reopened.close();
  }

  @Test
  void skipsEntriesItAlreadyHasSoReDispatchIsHarmless() throws Exception {
    ConsumeQueue cq = queue();
    for (int i = 0; i < 25; i++) {
      assertThat(cq.put(i * 100L, 100, i, i)).isTrue();
    }
    assertThat(cq.put(2400, 100, 24, 24)).isFalse();
    assertThat(cq.put(500, 100, 5, 5)).isFalse();
    assertThat(cq.maxOffset()).isEqualTo(25);
    assertThat(cq.unit(24).physicalOffset()).isEqualTo(2400);
    cq.close();
  }

  @Test
  void truncatesEntriesPointingPastACommitLogOffsetAcrossSegments() throws Exception {
    ConsumeQueue cq = queue();
    for (int i = 0; i < 25; i++) {
      cq.put(i * 100L, 100, 0, i);
    }
    assertThat(cq.truncateAfter(1250)).isEqualTo(12);
    assertThat(cq.maxOffset()).isEqualTo(13);
    assertThat(cq.maxPhysicalOffset()).isEqualTo(1300);
    assertThat(cq.put(1300, 100, 0, 13)).isTrue();
    assertThat(cq.unit(13).physicalOffset()).isEqualTo(1300);
    cq.close();
  }

  @Test
  void findsTheFirstOffsetStoredAtOrAfterATime() throws Exception {
    ConsumeQueue cq = queue();
    for (int i = 0; i < 15; i++) {
      cq.put(i * 100L, 100, 0, i);
    }
    // store time of the record at phys p is 1000 + p / 100 * 10
    assertThat(cq.offsetForTimestamp(1055, p -> 1000 + p / 100 * 10)).isEqualTo(6);
    assertThat(cq.offsetForTimestamp(1060, p -> 1000 + p / 100 * 10)).isEqualTo(6);
    assertThat(cq.offsetForTimestamp(0, p -> 1000 + p / 100 * 10)).isZero();
    assertThat(cq.offsetForTimestamp(99_999, p -> 1000 + p / 100 * 10)).isEqualTo(15);
    cq.close();
  }
}
