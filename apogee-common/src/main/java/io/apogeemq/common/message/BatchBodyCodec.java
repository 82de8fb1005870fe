package io.apogeemq.common.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch request body (messages.md §6): concatenated entries of
 *
 * <pre>
 * size    field
 * 4       TOTALSIZE = 22 + n + p (messages.md says 20 + n + p; the official
 *         encoder and the spec's own worked example count the int16 properties length too)
 * 4       MAGICCODE  (0 from the client, ignored)
 * 4       BODYCRC    (0 from the client, ignored)
 * 4       FLAG
 * 4 + n   BODY       int32 length, bytes
 * 2 + p   PROPERTIES int16 length, UTF-8
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchBodyCodec {

  private static final int FIXED = 22;

  private BatchBodyCodec() {}

  /**
   * Decodes every entry of a batch body.
   *
   * @throws MalformedRecordException naming the entry index and byte position of the first bad
   *     entry; nothing is returned for a partly bad body
   */
  public static List<BatchEntry> decode(ByteBuffer body) {
    ByteBuffer b = body.slice();
    List<BatchEntry> out = new ArrayList<>();
    int index = 0;
    while (b.hasRemaining()) {
      int at = b.position();
      if (b.remaining() < FIXED) {
        throw bad(index, at, b.remaining() + " trailing bytes, an entry needs at least " + FIXED);
      }
      int total = b.getInt();
      if (total < FIXED || total > b.remaining() + 4) {
        throw bad(index, at, "TOTALSIZE " + total + " with " + (b.remaining() + 4) + " bytes left");
      }
      b.getInt();
      b.getInt();
      int flag = b.getInt();
      int bodyLength = b.getInt();
      if (bodyLength < 0 || bodyLength > total - FIXED || bodyLength > b.remaining()) {
        throw bad(index, at, "body length " + bodyLength + " in entry of " + total);
      }
      byte[] payload = new byte[bodyLength];
      b.get(payload);
      int propsLength = b.getShort();
      if (propsLength < 0 || propsLength > b.remaining() || FIXED + bodyLength + propsLength != total) {
        throw bad(index, at, "properties length " + propsLength + " does not add up to "
            + total);
      }
      byte[] props = new byte[propsLength];
      b.get(props);
      out.add(new BatchEntry(flag, payload, new String(props, StandardCharsets.UTF_8)));
      index++;
    }
    return out;
  }

  /** Encodes entries into a batch body (what a client sends). */
  public static ByteBuffer encode(List<BatchEntry> entries) {
    List<byte[]> props = new ArrayList<>(entries.size());
    int size = 0;
    for (BatchEntry e : entries) {
      byte[] p = e.properties().getBytes(StandardCharsets.UTF_8);
      if (p.length > MessageProperties.MAX_ENCODED_BYTES) {
        throw new IllegalArgumentException("properties of a batch entry too long: " + p.length);
      }
      props.add(p);
      size += FIXED + e.body().length + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    for (int i = 0; i < entries.size(); i++) {
      BatchEntry e = entries.get(i);
      byte[] p = props.get(i);
      b.putInt(FIXED + e.body().length + p.length).putInt(0).putInt(0).putInt(e.flag());
      b.putInt(e.body().length).put(e.body()).putShort((short) p.length).put(p);
    }
    return b.flip();
  }

  private static MalformedRecordException bad(int index, int position, String why) {
    return new MalformedRecordException("malformed batch entry #" + index + " at byte " + position
        + ": " + why);
  }
}
