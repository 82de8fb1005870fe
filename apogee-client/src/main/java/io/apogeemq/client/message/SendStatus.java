package io.apogeemq.client.message;

/**
 * Outcome of a stored send. Every status means the master stored the message; the non-OK ones say
 * a requested flush or replication did not finish in time (semantics.md §1.4).
 */
public enum SendStatus {
  SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE
}
