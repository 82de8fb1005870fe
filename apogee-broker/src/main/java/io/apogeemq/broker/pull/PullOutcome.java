package io.apogeemq.broker.pull;

import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.GetResult;
import io.apogeemq.store.GetStatus;

/**
 * The response code and next offset a store read turns into (codes.md §4.5, semantics.md §7.1).
 *
 * @param code {@code SUCCESS}, {@code PULL_NOT_FOUND}, {@code PULL_RETRY_IMMEDIATELY} or
 *     {@code PULL_OFFSET_MOVED}
 */
public record PullOutcome(int code, long nextBeginOffset) {

  /** Maps a read of {@code requestedOffset} to its answer. */
  public static PullOutcome of(GetResult result, long requestedOffset) {
    GetStatus status = result.status();
    return switch (status) {
      case FOUND -> new PullOutcome(ResponseCode.SUCCESS, result.nextBeginOffset());
      case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING ->
          new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, result.nextBeginOffset());
      case OFFSET_OVERFLOW_ONE -> new PullOutcome(ResponseCode.PULL_NOT_FOUND, requestedOffset);
      case OFFSET_FOUND_NULL ->
          new PullOutcome(ResponseCode.PULL_NOT_FOUND, result.nextBeginOffset());
      case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE -> requestedOffset == 0
          ? new PullOutcome(ResponseCode.PULL_NOT_FOUND, 0)
          : new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 0);
      case OFFSET_TOO_SMALL -> new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.minOffset());
      case OFFSET_OVERFLOW_BADLY ->
          new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.maxOffset());
    };
  }
}
