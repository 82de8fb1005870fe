package io.apogeemq.store.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code lock} file and the {@code abort} marker (storage.md §8). The lock keeps a second store
 * off the same directory; {@code abort} exists while the store runs, so finding it at start means
 * the last run did not shut down cleanly.
 *
 * <p>Not thread-safe; owned by the store's lifecycle.
 */
public final class StoreLock implements AutoCloseable {

  private final Path abort;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StoreLock(Path abort, FileChannel lockChannel, FileLock lock) {
    this.abort = abort;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code root}.
   *
   * @throws IOException when another process (or store instance) holds it
   */
  public static StoreLock acquire(Path root) throws IOException {
    Files.createDirectories(root);
    FileChannel ch = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock(0, 1, false);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new IOException("store directory " + root + " is locked by another running store");
    }
    return new StoreLock(root.resolve("abort"), ch, l);
  }

  /** True when the previous run left its abort marker (crash or kill). */
  public boolean previousRunAborted() {
    return Files.exists(abort);
  }

  /** Creates the abort marker (store started). */
  public void markRunning() throws IOException {
    Files.writeString(abort, Long.toString(ProcessHandle.current().pid()));
  }

  /** Removes the abort marker (clean shutdown completed). */
  public void markCleanShutdown() throws IOException {
    Files.deleteIfExists(abort);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
