package io.apogeemq.store;

/** Outcome of a queue read (semantics.md maps each to a pull response code). */
public enum GetStatus {
  /** At least one message returned. */
  FOUND,
  /** Messages were examined but none passed the filter. */
  NO_MATCHED_MESSAGE,
  /** The examined messages' CommitLog bytes were already deleted. */
  MESSAGE_WAS_REMOVING,
  /** The offset's entry could not be read (e.g. its CQ file is gone). */
  OFFSET_FOUND_NULL,
  /** offset == max: nothing new yet (a pull may be held). */
  OFFSET_OVERFLOW_ONE,
  /** offset > max. */
  OFFSET_OVERFLOW_BADLY,
  /** offset < min. */
  OFFSET_TOO_SMALL,
  /** The queue exists but is empty. */
  NO_MESSAGE_IN_QUEUE,
  /** The queue never received a message. */
  NO_MATCHED_LOGIC_QUEUE
}
