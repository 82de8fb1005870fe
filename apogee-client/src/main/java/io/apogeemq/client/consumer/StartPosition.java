package io.apogeemq.client.consumer;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a group with no committed offset for a queue starts (semantics.md §6.3). A committed
 * offset always wins; note the official broker also answers 0 for a young queue whose first
 * message is still in memory, whatever is asked here.
 */
public record StartPosition(Kind kind, Instant timestamp) {

  /** The three official choices. */
  public enum Kind { LAST, FIRST, TIMESTAMP }

  public StartPosition {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.TIMESTAMP) {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /** From the end of the queue (default). */
  public static StartPosition last() {
    return new StartPosition(Kind.LAST, null);
  }

  /** From the queue's first message. */
  public static StartPosition first() {
    return new StartPosition(Kind.FIRST, null);
  }

  /** From the first message stored at or after {@code at}. */
  public static StartPosition timestamp(Instant at) {
    return new StartPosition(Kind.TIMESTAMP, at);
  }

  /** The official {@code ConsumeFromWhere} name, for heartbeats. */
  String officialName() {
    return switch (kind) {
      case LAST -> "CONSUME_FROM_LAST_OFFSET";
      case FIRST -> "CONSUME_FROM_FIRST_OFFSET";
      case TIMESTAMP -> "CONSUME_FROM_TIMESTAMP";
    };
  }
}
