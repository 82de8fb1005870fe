package io.apogeemq.store;

/** CommitLog durability mode ({@code flushDiskType}). */
public enum FlushDiskType {
  /** Acknowledge after the write reaches the page cache; a background thread forces periodically. */
  ASYNC_FLUSH,
  /** Acknowledge after a (group) {@code force} covered the message. */
  SYNC_FLUSH
}
