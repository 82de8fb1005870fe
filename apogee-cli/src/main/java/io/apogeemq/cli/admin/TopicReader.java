package io.apogeemq.cli.admin;

import io.apogeemq.client.consumer.PullConsumer;
import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.consumer.StartPosition;
import io.apogeemq.client.message.MessageQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored messages of some queues from a start to the end each queue had when reading
 * began, for the commands that print messages (consumeMessage, printMsg, queryMsgByOffset).
 * Reads with a pull consumer that never commits, so no group's position changes. Not
 * thread-safe; one command, one reader.
 */
final class TopicReader {

  /** Consumer group of the admin's reads (as mqadmin's tools group). */
  static final String TOOLS_GROUP = "TOOLS_CONSUMER";

  /** Where to start in each queue. */
  sealed interface Start permits FromOffset, FromTime, FromBeginning {}

  record FromOffset(long offset) implements Start {}

  record FromTime(long epochMillis) implements Start {}

  record FromBeginning() implements Start {}

  private TopicReader() {}

  /**
   * Messages of {@code queues} from {@code start} to each queue's current end, at most
   * {@code max}, filtered by {@code tagExpression}, stored at or before {@code endMillis};
   * gives up after {@code timeout}.
   */
  static List<ReceivedMessage> read(AdminSession s, String group, List<MessageQueue> queues,
      Start start, String tagExpression, long endMillis, int max, Duration timeout) {
    List<ReceivedMessage> out = new ArrayList<>();
    if (queues.isEmpty() || max <= 0) {
      return out;
    }
    Map<MessageQueue, Long> ends = new HashMap<>();
    for (MessageQueue q : queues) {
      ends.put(q, s.admin().maxOffset(q));
    }
    try (PullConsumer c = s.client().pullConsumer(group, StartPosition.first(), false, 32)) {
      c.assign(queues, tagExpression);
      List<MessageQueue> open = new ArrayList<>();
      for (MessageQueue q : queues) {
        if (start instanceof FromOffset o) {
          c.seek(q, o.offset());
        } else if (start instanceof FromTime t) {
          c.seekToTimestamp(q, Instant.ofEpochMilli(t.epochMillis()));
        } else {
          c.seekToBeginning(q);
        }
        if (c.position(q) < ends.get(q)) {
          open.add(q);
        }
      }
      if (open.isEmpty()) {
        return out;
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < max && System.nanoTime() < deadline && !done(c, open, ends)) {
        for (ReceivedMessage m : c.poll(Duration.ofMillis(500))) {
          MessageQueue q = m.queue();
          if (m.queueOffset() < ends.getOrDefault(q, Long.MAX_VALUE)
              && m.storeTimestamp() <= endMillis && out.size() < max) {
            out.add(m);
          }
        }
      }
    }
    return out;
  }

  private static boolean done(PullConsumer c, List<MessageQueue> open,
      Map<MessageQueue, Long> ends) {
    for (MessageQueue q : open) {
      if (c.position(q) < ends.get(q)) {
        return false;
      }
    }
    return true;
  }
}
