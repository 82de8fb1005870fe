package io.apogeemq.cli.admin;

import io.apogeemq.client.consumer.ReceivedMessage;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the admin commands show a message: labelled lines like mqadmin's, and a JSON form with the
 * body as text. Stateless.
 */
final class MessageView {

  private MessageView() {}

  /** The JSON form. */
  static Map<String, Object> json(ReceivedMessage m, Charset charset) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("msgId", m.messageId());
    out.put("offsetMsgId", m.offsetMessageId());
    out.put("topic", m.queue().topic());
    out.put("tags", m.tags());
    out.put("keys", m.keys());
    out.put("brokerName", m.queue().brokerName());
    out.put("queueId", m.queue().queueId());
    out.put("queueOffset", m.queueOffset());
    out.put("commitLogOffset", m.commitLogOffset());
    out.put("reconsumeTimes", m.reconsumeTimes());
    out.put("bornTimestamp", m.bornTimestamp());
    out.put("storeTimestamp", m.storeTimestamp());
    out.put("properties", new TreeMap<>(m.properties()));
    out.put("body", new String(m.body(), charset));
    return out;
  }

  /** The labelled lines; the body only when {@code printBody}. */
  static void print(PrintWriter out, ReceivedMessage m, Charset charset, boolean printBody) {
    line(out, "OffsetID:", m.offsetMessageId());
    line(out, "MsgId:", m.messageId());
    line(out, "Topic:", m.queue().topic());
    line(out, "Tags:", "[" + (m.tags() == null ? "" : m.tags()) + "]");
    line(out, "Keys:", "[" + String.join(" ", m.keys()) + "]");
    line(out, "Broker Name:", m.queue().brokerName());
    line(out, "Queue ID:", m.queue().queueId());
    line(out, "Queue Offset:", m.queueOffset());
    line(out, "CommitLog Offset:", m.commitLogOffset());
    line(out, "Reconsume Times:", m.reconsumeTimes());
    line(out, "Born Timestamp:", Times.format(m.bornTimestamp()));
    line(out, "Store Timestamp:", Times.format(m.storeTimestamp()));
    line(out, "Properties:", new TreeMap<>(m.properties()));
    if (printBody) {
      line(out, "Message Body:", new String(m.body(), charset));
    }
    out.flush();
  }

  /** One line: id, tags, keys and the body as UTF-8 text. */
  static String summary(ReceivedMessage m) {
    return "msgId=" + m.messageId() + " tags=" + (m.tags() == null ? "" : m.tags()) + " keys="
        + String.join(" ", m.keys()) + " body=" + new String(m.body(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void line(PrintWriter out, String label, Object value) {
    out.printf("%-20s%s%n", label, value);
  }
}
