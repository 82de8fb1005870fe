package io.apogeemq.store;

/** Outcome of an append (names follow the RocketMQ store so the broker maps them one to one). */
public enum PutStatus {
  /** Stored (and flushed, when the flush mode requires it). */
  PUT_OK,
  /** Stored, but the SYNC_FLUSH force did not complete in {@code syncFlushTimeout}. */
  FLUSH_DISK_TIMEOUT,
  /** Stored, but a SYNC_MASTER's slave did not acknowledge it in time (replication). */
  FLUSH_SLAVE_TIMEOUT,
  /** Stored, but a SYNC_MASTER has no slave in sync to replicate it to (replication). */
  SLAVE_NOT_AVAILABLE,
  /** Not stored: the store is shutting down, the disk is full, or an earlier I/O error blocks writes. */
  SERVICE_NOT_AVAILABLE,
  /** Not stored: a new CommitLog segment could not be created. */
  CREATE_MAPPED_FILE_FAILED,
  /** Not stored: body or record too large, or fields that do not fit the record. */
  MESSAGE_ILLEGAL,
  /** Not stored: properties string longer than 32767 bytes. */
  PROPERTIES_SIZE_EXCEEDED;

  /** True when the message is in the CommitLog. */
  public boolean isStored() {
    return this == PUT_OK || this == FLUSH_DISK_TIMEOUT || this == FLUSH_SLAVE_TIMEOUT
        || this == SLAVE_NOT_AVAILABLE;
  }
}
