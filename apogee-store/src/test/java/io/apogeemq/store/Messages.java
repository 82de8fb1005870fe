package io.apogeemq.store;

import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.store.file.SegmentSlice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builders shared by the store tests. */
final class Messages {

  static final MessageHost BORN = MessageHost.of(new byte[] {127, 0, 0, 1}, 50000);
  static final MessageHost STORE = MessageHost.of(new byte[] {127, 0, 0, 1}, 10911);

  private Messages() {}

  static AppendMessage message(String topic, int queueId, byte[] body, String tag, String keys,
      String uniqKey) {
    Map<String, String> p = new LinkedHashMap<>();
    if (tag != null) {
      p.put("TAGS", tag);
    }
    if (keys != null) {
      p.put("KEYS", keys);
    }
    if (uniqKey != null) {
      p.put("UNIQ_KEY", uniqKey);
    }
    return new AppendMessage(topic, queueId, 0, body, MessageProperties.encode(p), 0,
        System.currentTimeMillis(), BORN, STORE, 0, 0, true);
  }

  static AppendMessage message(String topic, int queueId, String body) {
    return message(topic, queueId, body.getBytes(), null, null, null);
  }

  static MessageRecord decode(SegmentSlice s) {
    return MessageRecordCodec.decode(s.buffer().duplicate(), true);
  }

  static StoreConfig.Builder smallConfig(Path root) {
    return StoreConfig.builder(root).mappedFileSizeCommitLog(64 * 1024)
        .mappedFileSizeConsumeQueue(20 * 100).maxHashSlotNum(64).maxIndexNum(400)
        .flushIntervalCommitLog(10).flushIntervalConsumeQueue(20).preallocateCommitLog(true);
  }
}
