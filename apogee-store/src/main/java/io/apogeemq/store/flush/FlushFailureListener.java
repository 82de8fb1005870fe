package io.apogeemq.store.flush;

/** Told when forcing a file to disk failed, so the store can refuse further writes. */
@FunctionalInterface
public interface FlushFailureListener {
  void flushFailed(String what, Exception cause);
}
