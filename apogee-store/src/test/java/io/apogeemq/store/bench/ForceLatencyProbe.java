package io.apogeemq.store.bench;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a durable write costs on this machine's disk, the quantity that bounds SYNC_FLUSH group
 * commit (throughput ≈ bytes per force / force latency): dirties {@code n} KiB of a sparse,
 * memory-mapped 256 MiB file (like a fresh CommitLog segment) and times forcing just that range
 * ({@code MappedByteBuffer.force(from, len)}, msync) and the whole file
 * ({@code FileChannel.force(false)}, fdatasync), for growing sizes. Prints median and minimum of
 * 12 forces per size and the bandwidth the median implies.
 *
 * <p>Run: {@code java -cp apogee-store/target/test-classes io.apogeemq.store.bench.ForceLatencyProbe
 * [dir]} (default: the temp directory, same file system as the store benchmark's).
 */
public final class ForceLatencyProbe {

  private static final int FILE_SIZE = 256 << 20;
  private static final int ROUNDS = 12;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    Path file = Files.createTempFile(dir, "force-probe", ".dat");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(1), FILE_SIZE - 1);
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE);
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 0x5A);
      int pos = 0;
      for (int kib : new int[] {4, 64, 256, 1024, 2048, 4096}) {
        for (boolean wholeFile : new boolean[] {false, true}) {
          long[] nanos = new long[ROUNDS];
          int len = kib * 1024;
          for (int i = 0; i < ROUNDS; i++) {
            for (int w = 0; w < len; w += chunk.length) {
              map.put(pos + w, chunk, 0, Math.min(chunk.length, len - w));
            }
            long t = System.nanoTime();
            if (wholeFile) {
              ch.force(false);
            } else {
              map.force(pos, len);
            }
            nanos[i] = System.nanoTime() - t;
            pos += len;
          }
          Arrays.sort(nanos);
          double median = (nanos[ROUNDS / 2 - 1] + nanos[ROUNDS / 2]) / 2e6;
          System.out.printf(Locale.ROOT,
              "%,6d KiB  %-22s median %7.2f ms  min %7.2f ms  (%,6.0f MB/s at the median)%n",
              kib, wholeFile ? "fdatasync (file)" : "msync (dirty range)", median,
              nanos[0] / 1e6, len / (median / 1e3) / 1e6);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private ForceLatencyProbe() {}
}
