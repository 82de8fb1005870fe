package io.apogeemq.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SegmentListTest {

  @TempDir Path dir;

  @Test
  void refusesToLoadASegmentOfTheWrongSizeNamingTheFile() throws Exception {
    Files.write(dir.resolve("00000000000000000000"), new byte[100]);
    Files.write(dir.resolve("00000000000000000100"), new byte[50]);
    SegmentList list = new SegmentList(dir, 100, StorageIo.standard(), null);
    assertThatThrownBy(list::load).isInstanceOf(IOException.class)
        .hasMessageContaining("00000000000000000100").hasMessageContaining("50 bytes");
  }

  @Test
  void deletesAnEmptyTrailingSegmentOnLoad() throws Exception {
    Files.write(dir.resolve("00000000000000000000"), new byte[4096]);
    Files.write(dir.resolve("00000000000000004096"), new byte[0]);
    SegmentList list = new SegmentList(dir, 4096, StorageIo.standard(), null);
    list.load();
    assertThat(list.segments()).hasSize(1);
    assertThat(dir.resolve("00000000000000004096")).doesNotExist();
    list.close();
  }

  @Test
  void ignoresAndRemovesASegmentWhoseCreationWasInterrupted() throws Exception {
    Files.write(dir.resolve("00000000000000000000"), new byte[4096]);
    Files.write(dir.resolve("00000000000000004096.creating"), new byte[100]);
    SegmentList list = new SegmentList(dir, 4096, StorageIo.standard(), null);
    list.load();
    assertThat(list.segments()).hasSize(1);
    assertThat(dir.resolve("00000000000000004096.creating")).doesNotExist();
    list.close();
  }

  @Test
  void aRetainedSegmentOutlivesDestroyUntilReleased() throws Exception {
    SegmentList list = new SegmentList(dir, 4096, StorageIo.standard(), null);
    MappedSegment seg = list.lastWritable(0);
    seg.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(seg.tryRetain()).isTrue();
    ByteBuffer view = seg.slice(0, 3);
    seg.destroy();
    assertThat(seg.tryRetain()).as("no new readers after destroy").isFalse();
    assertThat(seg.file()).exists();
    assertThat(view.get(2)).isEqualTo((byte) 3);
    seg.release();
    assertThat(seg.file()).doesNotExist();
  }

  @Test
  void truncationZeroesTheTailSoStaleBytesCannotReappear() throws Exception {
    SegmentList list = new SegmentList(dir, 4096, StorageIo.standard(), null);
    MappedSegment seg = list.lastWritable(0);
    seg.append(ByteBuffer.wrap(new byte[] {9, 9, 9, 9, 9, 9}));
    list.truncate(2);
    assertThat(seg.writePosition()).isEqualTo(2);
    assertThat(seg.getInt(2)).isZero();
    assertThat(list.maxOffset()).isEqualTo(2);
    list.close();
  }
}
