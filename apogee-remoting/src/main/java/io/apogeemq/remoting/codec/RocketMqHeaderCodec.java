package io.apogeemq.remoting.codec;

import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The ROCKETMQ binary header (serialize type 1). All integers big-endian, strings UTF-8.
 *
 * <table>
 *   <caption>layout</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>2</td><td>code (int16)</td></tr>
 *   <tr><td>2</td><td>1</td><td>language byte</td></tr>
 *   <tr><td>3</td><td>2</td><td>version (int16)</td></tr>
 *   <tr><td>5</td><td>4</td><td>opaque</td></tr>
 *   <tr><td>9</td><td>4</td><td>flag</td></tr>
 *   <tr><td>13</td><td>4</td><td>remark length R (0 = no remark)</td></tr>
 *   <tr><td>17</td><td>R</td><td>remark</td></tr>
 *   <tr><td>17+R</td><td>4</td><td>ext area length E (0 = no extFields)</td></tr>
 *   <tr><td>21+R</td><td>E</td><td>entries: keyLen int16, key, valLen int32, value</td></tr>
 * </table>
 *
 * <p>Only commands whose code and version fit in an int16 can be written in this form
 * ({@link #canEncode}); others are written as JSON by {@link FrameCodec}. Entries whose key or
 * value is empty decode as absent (the official decoder turns them into {@code null}). Every
 * length is checked against the bytes that remain in the header before anything is read or
 * allocated.
 *
 * <p>Stateless and thread-safe.
 */
public final class RocketMqHeaderCodec {

  private static final int FIXED_PART = 2 + 1 + 2 + 4 + 4 + 4 + 4;

  private RocketMqHeaderCodec() {}

  /** Whether {@code command} is representable in the binary header. */
  public static boolean canEncode(RemotingCommand command) {
    return fitsInt16(command.code()) && fitsInt16(command.version());
  }

  /** Writes the header of {@code command} at {@code out}'s writer index. */
  public static void encode(RemotingCommand command, ByteBuf out) {
    if (!canEncode(command)) {
      throw new IllegalArgumentException("code " + command.code() + " or version "
          + command.version() + " does not fit the ROCKETMQ binary header");
    }
    out.writeShort(command.code());
    out.writeByte(command.language().code());
    out.writeShort(command.version());
    out.writeInt(command.opaque());
    out.writeInt(command.flag());
    String remark = command.remark();
    if (remark == null || remark.isEmpty()) {
      out.writeInt(0);
    } else {
      int lengthAt = out.writerIndex();
      out.writeInt(0);
      out.setInt(lengthAt, ByteBufUtil.writeUtf8(out, remark));
    }
    Map<String, String> ext = command.extFields();
    int extLengthAt = out.writerIndex();
    out.writeInt(0);
    if (ext != null && !ext.isEmpty()) {
      int extStart = out.writerIndex();
      for (Map.Entry<String, String> entry : ext.entrySet()) {
        String key = entry.getKey();
        String value = entry.getValue();
        if (key == null || value == null || key.isEmpty() || value.isEmpty()) {
          continue;
        }
        int keyLengthAt = out.writerIndex();
        out.writeShort(0);
        int keyLength = ByteBufUtil.writeUtf8(out, key);
        if (keyLength > Short.MAX_VALUE) {
          throw new IllegalArgumentException("extFields key longer than 32767 bytes: "
              + key.substring(0, 32) + "...");
        }
        out.setShort(keyLengthAt, keyLength);
        int valueLengthAt = out.writerIndex();
        out.writeInt(0);
        out.setInt(valueLengthAt, ByteBufUtil.writeUtf8(out, value));
      }
      out.setInt(extLengthAt, out.writerIndex() - extStart);
    }
  }

  /**
   * Reads a header of exactly {@code length} bytes starting at {@code in}'s reader index (which is
   * left unchanged).
   *
   * @throws MalformedFrameException when a length points past the header or bytes are left over
   */
  public static RemotingCommand decode(ByteBuf in, int length) {
    if (length < FIXED_PART) {
      throw new MalformedFrameException("ROCKETMQ header of " + length
          + " bytes is shorter than its fixed part of " + FIXED_PART + " bytes");
    }
    int pos = in.readerIndex();
    int end = pos + length;
    RemotingCommand command = new RemotingCommand().serializeType(SerializeType.ROCKETMQ);
    command.code(in.getShort(pos));
    command.language(LanguageCode.fromCode(in.getUnsignedByte(pos + 2)));
    command.version(in.getShort(pos + 3));
    command.opaque(in.getInt(pos + 5));
    command.flag(in.getInt(pos + 9));
    pos += 13;
    int remarkLength = checkedLength(in.getInt(pos), end - pos - 4, "remark");
    pos += 4;
    if (remarkLength > 0) {
      command.remark(in.toString(pos, remarkLength, StandardCharsets.UTF_8));
      pos += remarkLength;
    }
    if (end - pos < 4) {
      throw new MalformedFrameException("ROCKETMQ header ends before the ext area length");
    }
    int extLength = checkedLength(in.getInt(pos), end - pos - 4, "ext area");
    pos += 4;
    if (extLength > 0) {
      command.extFields(readEntries(in, pos, pos + extLength));
      pos += extLength;
    }
    if (pos != end) {
      throw new MalformedFrameException("ROCKETMQ header has " + (end - pos)
          + " unexplained trailing bytes");
    }
    return command;
  }

  private static Map<String, String> readEntries(ByteBuf in, int pos, int end) {
    Map<String, String> fields = new HashMap<>(16);
    while (pos < end) {
      if (end - pos < 2) {
        throw new MalformedFrameException("ROCKETMQ ext entry truncated before key length");
      }
      int keyLength = checkedLength(in.getShort(pos), end - pos - 2, "ext key");
      pos += 2;
      String key = keyLength == 0 ? null : in.toString(pos, keyLength, StandardCharsets.UTF_8);
      pos += keyLength;
      if (end - pos < 4) {
        throw new MalformedFrameException("ROCKETMQ ext entry truncated before value length");
      }
      int valueLength = checkedLength(in.getInt(pos), end - pos - 4, "ext value");
      pos += 4;
      String value = valueLength == 0 ? null : in.toString(pos, valueLength, StandardCharsets.UTF_8);
      pos += valueLength;
      if (key != null && value != null) {
        fields.put(key, value);
      }
    }
    return fields;
  }

  private static int checkedLength(int declared, int available, String what) {
    if (declared < 0 || declared > available) {
      throw new MalformedFrameException("ROCKETMQ header: " + what + " length " + declared
          + " is outside the " + Math.max(available, 0) + " bytes left in the header");
    }
    return declared;
  }

  private static boolean fitsInt16(int value) {
    return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
  }
}
