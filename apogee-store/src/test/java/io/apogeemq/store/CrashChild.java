package io.apogeemq.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link CrashRecoveryIT}: appends with SYNC_FLUSH from two threads and prints
 * one {@code ACK round thread seq queue queueOffset physicalOffset} line per acknowledged message,
 * until it is killed.
 */
public final class CrashChild {

  private CrashChild() {}

  static StoreConfig config(Path dir) {
    return StoreConfig.builder(dir).mappedFileSizeCommitLog(64 * 1024)
        .mappedFileSizeConsumeQueue(20 * 64).maxHashSlotNum(128).maxIndexNum(512)
        .flushDiskType(FlushDiskType.SYNC_FLUSH).flushIntervalConsumeQueue(50).build();
  }

  static String body(int round, int thread, int seq, Random rnd) {
    return "r" + round + "-t" + thread + "-s" + seq + "-" + "x".repeat(rnd.nextInt(3000));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        false, "UTF-8");
    LocalMessageStore store = LocalMessageStore.open(config(dir));
    synchronized (out) {
      out.println("READY " + store.recoveryReport());
      out.flush();
    }
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int thread = t;
      threads[t] = new Thread(() -> {
        Random rnd = new Random(round * 31L + thread);
        for (int seq = 0; ; seq++) {
          int queue = rnd.nextInt(3);
          String body = body(round, thread, seq, rnd);
          AppendMessage m = Messages.message("C", queue, body.getBytes(), "tag" + queue,
              "key-" + round + "-" + thread + "-" + seq, null);
          try {
            AppendResult r = store.append(m).get();
            if (r.status() != PutStatus.PUT_OK) {
              synchronized (out) {
                out.println("FAIL " + r.status() + " " + r.error());
                out.flush();
              }
              continue;
            }
            synchronized (out) {
              out.println("ACK " + round + " " + thread + " " + seq + " " + queue + " "
                  + r.queueOffset() + " " + r.physicalOffset());
              out.flush();
            }
          } catch (Exception e) {
            return;
          }
        }
      }, "crash-child-appender-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
