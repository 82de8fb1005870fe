package io.apogeemq.broker.transaction;

import io.apogeemq.broker.send.SchedulingKeys;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.message.SysFlag;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.store.AppendMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The messages of a transaction's life, as pure functions (semantics.md §4): the half message
 * parked in {@code RMQ_SYS_TRANS_HALF_TOPIC}, the check copy re-appended to it, the committed
 * message restored to its real topic, the discarded copy and the op record.
 *
 * <p><b>Origin.</b> Every half-queue entry belongs to one transaction, identified by the queue
 * offset of the half message the producer sent (its <i>origin</i>). A copy made by the check
 * service carries the origin in {@code TRAN_PREPARED_QUEUE_OFFSET}; an original has no such
 * property (a producer-supplied one is removed when the half message is stored), so its origin is
 * its own queue offset. An op record's body lists the origins it resolves.
 *
 * <p>Stateless and thread-safe.
 */
final class HalfMessages {

  /** Tag of op records ("d" for done, like RocketMQ). */
  static final String OP_TAG = "d";

  private HalfMessages() {}

  /** True when the producer sent the message as a prepared (half) transaction message. */
  static boolean isPrepared(AppendMessage m) {
    return isPrepared(m, SchedulingKeys.of(m.properties()));
  }

  /** {@link #isPrepared(AppendMessage)} with {@code keys} = the message's scheduling keys. */
  static boolean isPrepared(AppendMessage m, SchedulingKeys keys) {
    return SysFlag.transactionType(m.sysFlag()) == SysFlag.TRANSACTION_PREPARED_TYPE
        || "true".equals(keys.transactionPrepared());
  }

  /**
   * The half message to store for a prepared message: real topic and queue kept in
   * {@code REAL_TOPIC}/{@code REAL_QID}, {@code __transactionId__} = {@code UNIQ_KEY}, transaction
   * type cleared (so the half topic's consume queue indexes it), stored in half queue 0.
   */
  static AppendMessage toHalf(AppendMessage m) {
    Map<String, String> p = MessageProperties.decode(m.properties());
    p.remove(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET);
    p.remove(PropertyKeys.TRANSACTION_CHECK_TIMES);
    p.put(PropertyKeys.REAL_TOPIC, m.topic());
    p.put(PropertyKeys.REAL_QUEUE_ID, Integer.toString(m.queueId()));
    String uniq = p.get(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    if (uniq != null) {
      p.put(PropertyKeys.TRANSACTION_ID, uniq);
    }
    int sysFlag = m.sysFlag() & ~SysFlag.TRANSACTION_MASK;
    return new AppendMessage(NameRules.TRANS_HALF_TOPIC, 0, m.flag(), m.body(),
        MessageProperties.encode(p), sysFlag, m.bornTimestamp(), m.bornHost(), m.storeHost(),
        m.reconsumeTimes(), 0, m.waitStoreMsgOk());
  }

  /** The transaction a half-queue entry belongs to (see the class comment). */
  static long originOf(MessageRecord half) {
    String v = half.property(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET);
    if (v != null) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        // Not one of ours (originals never keep this property): the entry is its own origin.
      }
    }
    return half.queueOffset();
  }

  /** How often the entry was checked already ({@code TRANSACTION_CHECK_TIMES}, absent = 0). */
  static int checkTimes(MessageRecord half) {
    String v = half.property(PropertyKeys.TRANSACTION_CHECK_TIMES);
    if (v == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(v));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The producer's own immunity ({@code CHECK_IMMUNITY_TIME_IN_SECONDS}) in milliseconds, or -1
   * when the message does not set a usable one.
   */
  static long customImmunityMillis(MessageRecord half) {
    String v = half.property(PropertyKeys.CHECK_IMMUNITY_TIME_IN_SECONDS);
    if (v == null) {
      return -1;
    }
    try {
      long s = Long.parseLong(v.trim());
      return s > 0 && s < Long.MAX_VALUE / 1000 ? s * 1000 : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The producer group of the half message, or null. */
  static String producerGroup(MessageRecord half) {
    return half.property(PropertyKeys.PRODUCER_GROUP);
  }

  /**
   * The message a commit stores: real topic and queue back, {@code REAL_TOPIC}, {@code REAL_QID},
   * {@code TRAN_MSG} and {@code TRANSACTION_CHECK_TIMES} removed, {@code TRAN_PREPARED_QUEUE_OFFSET}
   * = origin, sysflag type COMMIT, {@code preparedTransactionOffset} = the half's CommitLog offset;
   * body, flag, born time and host unchanged.
   *
   * @throws IllegalStateException when the half message lacks its real topic or queue
   */
  static AppendMessage committed(MessageRecord half, long origin, MessageHost storeHost) {
    Map<String, String> p = half.propertyMap();
    String topic = p.remove(PropertyKeys.REAL_TOPIC);
    String qid = p.remove(PropertyKeys.REAL_QUEUE_ID);
    if (topic == null || qid == null) {
      throw new IllegalStateException("half message at commitLogOffset " + half.physicalOffset()
          + " has no REAL_TOPIC/REAL_QID");
    }
    int queueId;
    try {
      queueId = Integer.parseInt(qid);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("half message at commitLogOffset " + half.physicalOffset()
          + " has a bad REAL_QID '" + qid + "'");
    }
    p.remove(PropertyKeys.TRANSACTION_PREPARED);
    p.remove(PropertyKeys.TRANSACTION_CHECK_TIMES);
    p.put(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET, Long.toString(origin));
    int sysFlag = (half.sysFlag() & ~SysFlag.TRANSACTION_MASK) | SysFlag.TRANSACTION_COMMIT_TYPE;
    return new AppendMessage(topic, queueId, half.flag(), half.body(), MessageProperties.encode(p),
        sysFlag, half.bornTimestamp(), half.bornHost(), storeHost, half.reconsumeTimes(),
        half.physicalOffset(), true);
  }

  /**
   * A copy of a half-queue entry appended again to the half queue: same message, with its origin
   * and {@code checkTimes} recorded.
   */
  static AppendMessage requeued(MessageRecord half, long origin, int checkTimes,
      MessageHost storeHost) {
    Map<String, String> p = half.propertyMap();
    p.put(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET, Long.toString(origin));
    p.put(PropertyKeys.TRANSACTION_CHECK_TIMES, Integer.toString(checkTimes));
    return new AppendMessage(NameRules.TRANS_HALF_TOPIC, 0, half.flag(), half.body(),
        MessageProperties.encode(p), half.sysFlag() & ~SysFlag.TRANSACTION_MASK,
        half.bornTimestamp(), half.bornHost(), storeHost, half.reconsumeTimes(), 0, true);
  }

  /** The copy of a given-up half message stored in the discard topic (queue 0), properties kept. */
  static AppendMessage discarded(MessageRecord half, String discardTopic, long origin,
      MessageHost storeHost) {
    Map<String, String> p = half.propertyMap();
    p.put(PropertyKeys.TRANSACTION_PREPARED_QUEUE_OFFSET, Long.toString(origin));
    return new AppendMessage(discardTopic, 0, half.flag(), half.body(),
        MessageProperties.encode(p), half.sysFlag() & ~SysFlag.TRANSACTION_MASK,
        half.bornTimestamp(), half.bornHost(), storeHost, half.reconsumeTimes(), 0, true);
  }

  /**
   * The op record resolving {@code origin}: topic {@code RMQ_SYS_TRANS_OP_HALF_TOPIC} queue 0, tag
   * {@code d}, body the origin as decimal text followed by a comma (the 5.x batch format with one
   * entry, which 4.9 readers of a single offset also accept after trimming the comma).
   */
  static AppendMessage opRecord(long origin, long now, MessageHost storeHost) {
    byte[] body = (origin + ",").getBytes(StandardCharsets.US_ASCII);
    String props = MessageProperties.encode(Map.of(PropertyKeys.TAGS, OP_TAG));
    return new AppendMessage(NameRules.TRANS_OP_HALF_TOPIC, 0, 0, body, props, 0, now, storeHost,
        storeHost, 0, 0, false);
  }

  /**
   * The origins an op record body lists ({@code "o1,o2,"} or a single {@code "o"}); entries that
   * are not numbers are skipped.
   */
  static long[] opOrigins(byte[] body) {
    String text = new String(body, StandardCharsets.US_ASCII);
    String[] parts = text.split(",");
    long[] out = new long[parts.length];
    int n = 0;
    for (String part : parts) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        long origin = Long.parseLong(s);
        out[n++] = origin;
      } catch (NumberFormatException e) {
        // Someone else's op format: nothing to resolve from this entry.
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The half-queue entry as the producer must see it in {@code CHECK_TRANSACTION_STATE}: topic and
   * queue restored from {@code REAL_TOPIC}/{@code REAL_QID}, everything else as stored.
   */
  static MessageRecord forProducer(MessageRecord half) {
    String topic = half.property(PropertyKeys.REAL_TOPIC);
    int queueId = half.queueId();
    String qid = half.property(PropertyKeys.REAL_QUEUE_ID);
    if (qid != null) {
      try {
        queueId = Integer.parseInt(qid);
      } catch (NumberFormatException e) {
        // keep the half queue id: the producer only needs the body, properties and group
      }
    }
    return new MessageRecord(topic == null ? half.topic() : topic, queueId, half.flag(),
        half.queueOffset(), half.physicalOffset(), half.sysFlag(), half.bornTimestamp(),
        half.bornHost(), half.storeTimestamp(), half.storeHost(), half.reconsumeTimes(),
        half.preparedTransactionOffset(), half.bodyCrc(), half.body(), half.properties());
  }
}
